package io.hubload.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubload.hub.HubUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of JupyterHub's REST API that the purge and the end-of-run cleanup make with an admin
 * token. Not part of the load: plain, sequential HTTP, every call bounded by timeout.request.
 */
public final class HubAdmin implements ServerControl {

  /** A user as the hub lists it: its name and its servers ("" is the default one) by state. */
  public record User(String name, Map<String, String> servers) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 200;

  private final HubHttp http;

  public HubAdmin(URI hub, String token, Duration timeout) {
    this.http = new HubHttp(hub, token, timeout);
  }

  /** Every user whose name starts with {@code prefix}, page by page. */
  public List<User> usersStartingWith(String prefix) throws IOException {
    List<User> users = new ArrayList<>();
    int offset = 0;
    while (true) {
      String path =
          HubUrls.USERS
              + "?name_filter="
              + URLEncoder.encode(prefix, StandardCharsets.UTF_8)
              + "&offset="
              + offset
              + "&limit="
              + PAGE;
      JsonNode page =
          JSON.readTree(
              expect(
                  http.send("GET", path, "application/jupyterhub-pagination+json"),
                  200,
                  "list users"));
      // JupyterHub 2.0+ pages when asked; older hubs answer the whole list.
      JsonNode items = page.isArray() ? page : page.path("items");
      for (JsonNode user : items) {
        String name = user.path("name").asText();
        if (name.startsWith(prefix)) {
          users.add(new User(name, servers(user)));
        }
      }
      JsonNode next = page.path("_pagination").path("next");
      if (page.isArray() || next.isMissingNode() || next.isNull() || items.size() == 0) {
        return users;
      }
      offset += items.size();
    }
  }

  @Override
  public Map<String, String> serversOf(String user) throws IOException {
    return serversOf(http.get(HubUrls.userModel(user)), user);
  }

  @Override
  public boolean stopServer(String user, String server) throws IOException {
    return stopped(http.send("DELETE", HubUrls.server(user, server), null), user, server);
  }

  public void deleteUser(String user) throws IOException {
    HttpResponse<String> response = http.send("DELETE", HubUrls.userModel(user), null);
    if (response.statusCode() != 204 && response.statusCode() != 404) {
      throw new IOException("delete " + user + ": HTTP " + response.statusCode() + " " + message(response));
    }
  }

  /** Reads an answer to {@code GET /hub/api/users/NAME}: null for no such user. */
  static Map<String, String> serversOf(HttpResponse<String> response, String user) throws IOException {
    if (response.statusCode() == 404) {
      return null;
    }
    return servers(JSON.readTree(expect(response, 200, "read user " + user)));
  }

  /** Reads an answer to a stop request, as {@link ServerControl#stopServer} says. */
  static boolean stopped(HttpResponse<String> response, String user, String server) throws IOException {
    int status = response.statusCode();
    if (status == 202 || status == 204 || status == 404) {
      return true;
    }
    if (status == 400 && response.body().contains("pending")) {
      return false;
    }
    String answer = "HTTP " + status + " " + message(response);
    throw status >= 400 && status < 500
        ? new Refused(answer.strip())
        : new IOException("stop " + user + "/" + server + ": " + answer);
  }

  private static Map<String, String> servers(JsonNode user) {
    Map<String, String> servers = new LinkedHashMap<>();
    JsonNode map = user.path("servers");
    if (map.isObject()) {
      map.fields()
          .forEachRemaining(
              e -> servers.put(e.getKey(), state(e.getValue().path("pending").asText(""), e.getValue().path("ready").asBoolean(false))));
    } else if (!user.path("server").isNull() && !user.path("server").isMissingNode()
        || !user.path("pending").asText("").isEmpty()) {
      servers.put("", state(user.path("pending").asText(""), !user.path("server").isNull()));
    }
    return servers;
  }

  private static String state(String pending, boolean ready) {
    return !pending.isEmpty() ? "pending " + pending : ready ? "running" : "not ready";
  }

  private static String expect(HttpResponse<String> response, int status, String what) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(what + ": HTTP " + response.statusCode() + " " + message(response));
    }
    return response.body();
  }

  private static String message(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("message").asText("");
    } catch (IOException e) {
      return "";
    }
  }
}
