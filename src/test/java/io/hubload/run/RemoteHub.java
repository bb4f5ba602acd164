package io.hubload.run;

import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.HubUnderTest;
import io.hubload.hubapi.PreflightException;
import io.hubload.config.Durations;
import java.io.IOException;
import java.net.URI;
import io.hubload.hubapi.HubUrls;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A hub the run does not own (hub.url): it is only asked, once, whether it is a JupyterHub at all,
 * and never stopped.
 */
public record RemoteHub(URI url, String version, String userPassword, Optional<String> adminToken)
    implements HubUnderTest {

  /**
   * Checks that a JupyterHub answers at {@code url} ({@code GET /hub/api} gives its version) before
   * any virtual user starts, so a typo in hub.url is one line, not a report full of KOs.
   *
   * @throws PreflightException when nothing, or something else than a JupyterHub, answers
   */
  public static RemoteHub check(URI url, String password, Optional<String> adminToken, Duration timeout) {
    URI api = URI.create(url + HubUrls.API_ROOT);
    HttpResponse<String> response;
    try {
      response = HubClient.anonymous(url, timeout).get(HubUrls.API_ROOT);
    } catch (IOException e) {
      throw new PreflightException(
          "hub.url = " + url + ": no answer from " + api + " (" + describe(e, timeout) + ")");
    }
    Optional<String> version = response.statusCode() == 200 ? HubClient.versionOf(response.body()) : Optional.empty();
    if (version.isEmpty()) {
      throw new PreflightException(
          "hub.url = "
              + url
              + ": not a JupyterHub (GET /hub/api answered HTTP "
              + response.statusCode()
              + " without a version)");
    }
    return new RemoteHub(url, version.get(), password, adminToken);
  }

  private static String describe(IOException e, Duration timeout) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + Durations.format(timeout) + ", timeout.request";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Never prints the password or the token. */
  @Override
  public String toString() {
    return "RemoteHub[" + url + ", JupyterHub " + version + "]";
  }

  @Override
  public void close() {}
}
