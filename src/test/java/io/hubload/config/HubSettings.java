package io.hubload.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * hub.*: the hub under test and how test users use it. {@code url} is empty for the throwaway
 * local hub; {@code serverName} is a template ({n}: the user's number), empty for the default
 * server; {@code userOptions} is a JSON object, empty when none are sent.
 */
public record HubSettings(
    Optional<URI> url,
    HubSettings.Auth auth,
    String password,
    String adminToken,
    Optional<String> serverName,
    Optional<ObjectNode> userOptions,
    HubSettings.RunningServer runningServer,
    HubSettings.ThrottledSpawn throttledSpawn) {

  /** How test users authenticate. */
  public enum Auth {
    /** The hub's login form, with a password. */
    FORM,
    /** The REST API: an admin token creates each user and a token of its own. */
    TOKEN
  }

  /** What to do with a test user's server that is already running when the user starts. */
  public enum RunningServer {
    STOP,
    REUSE
  }

  /** What a user does when the hub throttles its spawn (HTTP 429). */
  public enum ThrottledSpawn {
    /** Waits the hub's Retry-After and asks again, as a person would, within timeout.spawn. */
    RETRY,
    /** Counts the 429 as a failed spawn. */
    FAIL
  }

  static HubSettings read(SettingReader r) {
    return new HubSettings(
        hubUrl(r.string("hub.url")),
        r.choice("hub.auth", Auth.class),
        r.secret("hub.password"),
        r.secret("hub.admin-token").strip(),
        serverName(r.string("hub.server-name")),
        userOptions(r.string("hub.user-options")),
        r.choice("hub.running-server", RunningServer.class),
        r.choice("hub.throttled-spawn", ThrottledSpawn.class));
  }

  /** Never prints the password or the token. */
  @Override
  public String toString() {
    return "HubSettings[url="
        + url.map(URI::toString).orElse("(local)")
        + ", auth="
        + auth
        + ", serverName="
        + serverName.orElse("")
        + "]";
  }

  /**
   * JupyterHub 6.0 and later refuse (HTTP 400) a named server whose name is not 1 to 30 of a-z,
   * 0-9 and '-', starting with a letter and not ending with '-' (its upgrade notes for 6.0).
   */
  private static final java.util.regex.Pattern JUPYTERHUB_6_SERVER_NAME =
      java.util.regex.Pattern.compile("[a-z]([a-z0-9-]{0,28}[a-z0-9])?");

  /**
   * Why a hub of this version would refuse the server names this run makes, for users numbered 1
   * to {@code highestUser}; empty when it takes them (or the run uses default servers).
   */
  public Optional<String> serverNameRefusedBy(String hubVersion, int highestUser) {
    if (serverName.isEmpty() || major(hubVersion) < 6) {
      return Optional.empty();
    }
    for (int n : new int[] {1, Math.max(1, highestUser)}) {
      String name = serverName.get().replace("{n}", Integer.toString(n));
      if (!JUPYTERHUB_6_SERVER_NAME.matcher(name).matches()) {
        return Optional.of(
            "hub.server-name = "
                + serverName.get()
                + ": JupyterHub "
                + hubVersion
                + " takes server names of 1 to 30 of a-z, 0-9 and '-', starting with a letter and not ending with '-' ('"
                + name
                + "' is not)");
      }
    }
    return Optional.empty();
  }

  /** The major version of "6.1.1", "5.0.0b2"...; 0 when it cannot be read. */
  private static int major(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([0-9]+)").matcher(version);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** A server name template: URL-safe characters and {n}. */
  private static Optional<String> serverName(String template) {
    if (template.isEmpty()) {
      return Optional.empty();
    }
    if (!template.replace("{n}", "1").matches("[A-Za-z0-9._~-]{1,64}")) {
      throw new InvalidSettingException(
          "hub.server-name",
          template,
          "use up to 64 letters, digits, '.', '_', '~' or '-', and {n} for the user's number");
    }
    return Optional.of(template);
  }

  private static Optional<ObjectNode> userOptions(String json) {
    if (json.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidSettingException(
          "hub.user-options", json, "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidSettingException(
          "hub.user-options", json, "must be a JSON object, e.g. {\"profile\": \"small\"}");
    }
    return Optional.of((ObjectNode) node);
  }

  /**
   * An absolute http(s) URL without credentials, query or fragment; the trailing slash is dropped
   * so that paths such as {@code /hub/login} can be appended.
   */
  private static Optional<URI> hubUrl(String raw) {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    // A URL may hold credentials (user:password@) or a token (?token=...): messages show it without.
    String shown = redacted(raw);
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new InvalidSettingException("hub.url", shown, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidSettingException(
          "hub.url", shown, "must start with http:// or https://, e.g. https://hub.example.org");
    }
    if (uri.getRawUserInfo() != null || raw.contains("@")) {
      throw new InvalidSettingException("hub.url", shown, "must not contain user:password@");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidSettingException("hub.url", shown, "has no host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidSettingException("hub.url", shown, "must not have a ?query or #fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/hub")) {
      throw new InvalidSettingException(
          "hub.url", shown, "give the hub's base URL without /hub, e.g. https://hub.example.org");
    }
    return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority() + path));
  }

  /** The URL with credentials (anything ending in '@'), query and fragment replaced by ***. */
  static String redacted(String url) {
    return url.replaceAll("[?#].*$", "?***").replaceAll("[^/@]*@", "***@");
  }
}
