package io.hubload.run;

import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.PreflightException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubload.hubapi.HubUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before any user starts, that the admin token works on the hub and may do what token mode
 * and the purge do: create users and their tokens, start and stop their servers. The token is
 * never part of a message.
 */
public final class AdminToken {

  /** Scopes the admin token needs (JupyterHub 2.0 and later list them in GET /hub/api/user). */
  static final List<String> REQUIRED_SCOPES = List.of("admin:users", "tokens", "admin:servers");

  private AdminToken() {}

  /**
   * @throws PreflightException naming hub.admin-token and what is wrong with it
   */
  public static void check(URI hub, String token, Duration timeout) {
    HttpResponse<String> response;
    try {
      response = HubClient.withToken(hub, token, timeout).whoAmI();
    } catch (IOException e) {
      throw new PreflightException(
          "hub.admin-token: could not ask " + hub + HubUrls.WHO_AM_I + " about it (" + e.getMessage() + ")");
    }
    String problem = problem(response.statusCode(), response.body());
    if (problem != null) {
      throw new PreflightException("hub.admin-token (HUB_ADMIN_TOKEN): " + problem);
    }
  }

  /** What is wrong with the token, from the hub's answer to GET /hub/api/user; null if nothing. */
  static String problem(int status, String body) {
    if (status == 401 || status == 403) {
      return "the hub refused it (HTTP "
          + status
          + " from GET /hub/api/user): the token is wrong, expired or revoked, or for another hub";
    }
    if (status != 200) {
      return "GET /hub/api/user answered HTTP " + status;
    }
    JsonNode owner;
    try {
      owner = new ObjectMapper().readTree(body);
    } catch (IOException e) {
      return "GET /hub/api/user did not answer JSON";
    }
    String who = owner.path("kind").asText("user") + " " + owner.path("name").asText("?");
    JsonNode scopes = owner.path("scopes");
    if (!scopes.isArray()) {
      // JupyterHub 1.x: no scopes, only the admin flag.
      return owner.path("admin").asBoolean(false) ? null : who + " is not an admin";
    }
    Set<String> granted = new HashSet<>();
    scopes.forEach(scope -> granted.add(scope.asText()));
    List<String> missing = new ArrayList<>();
    for (String scope : REQUIRED_SCOPES) {
      if (!granted.contains(scope)) {
        missing.add(scope);
      }
    }
    return missing.isEmpty()
        ? null
        : "the token of " + who + " lacks the scopes " + String.join(", ", missing);
  }
}
