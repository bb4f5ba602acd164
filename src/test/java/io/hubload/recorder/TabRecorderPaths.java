package io.hubload.recorder;

import java.net.URI;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the recording names a URL: a request to the user's server by its path relative to
 * {@code /user/NAME/} ("api/contents?type=directory&_=123"), a request to the hub by its path from
 * {@code /hub/}, anything else in full. Query values that are credentials (an OAuth code, a token,
 * an XSRF value) are replaced, so that the recording can be kept and shared.
 */
final class TabRecorderPaths {

  private static final Set<String> SECRET_PARAMETERS = Set.of("code", "token", "access_token", "_xsrf");
  private static final Pattern PARAMETER = Pattern.compile("(^|&)([^=&]+)=([^&]*)");

  private final String hubUrl;
  private final String basePath;
  private final String userPrefix;

  /**
   * @param hub the hub's URL, without trailing slash
   * @param user the hub user whose server the browser uses
   */
  TabRecorderPaths(URI hub, String user) {
    this.hubUrl = hub.toString().replaceAll("/+$", "");
    this.basePath = hub.getRawPath() == null ? "" : hub.getRawPath().replaceAll("/+$", "");
    this.userPrefix = basePath + "/user/" + user + "/";
  }

  /** The hub's URL, without trailing slash. */
  String hubUrl() {
    return hubUrl;
  }

  /** The absolute path of the user's server, with its trailing slash: {@code /user/NAME/}. */
  String userPrefix() {
    return userPrefix;
  }

  /** A URL as the recording writes it, with or without its query. */
  String name(String url, boolean withQuery) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return url;
    }
    if (uri.getRawPath() == null || uri.getHost() == null) {
      return url; // about:blank and the like
    }
    String path = uri.getRawPath();
    String query = withQuery && uri.getRawQuery() != null ? "?" + redact(uri.getRawQuery()) : "";
    if (path.startsWith(userPrefix)) {
      return path.substring(userPrefix.length()) + query;
    }
    if (path.startsWith(basePath + "/hub/") || path.equals(basePath + "/hub")) {
      return path.substring(basePath.length()) + query;
    }
    return uri.getScheme() + "://" + uri.getRawAuthority() + path + query;
  }

  /** The query with the values of credentials replaced by {@code REDACTED}. */
  static String redact(String query) {
    Matcher m = PARAMETER.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = SECRET_PARAMETERS.contains(m.group(2)) ? "REDACTED" : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
