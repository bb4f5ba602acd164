package io.hubload.run;

import io.hubload.hub.AuthHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The suite's own calls to a hub, outside the load: preflight checks, metrics, the purge. Plain
 * sequential HTTP/1.1 (the JDK client's default h2c upgrade is not understood by every proxy in
 * front of a hub), every call bounded by {@code timeout}, authenticated with a token when given.
 */
public final class HubHttp {

  private final URI hub;
  private final String token;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param hub the hub's base URL
   * @param token an API token, or null for calls that need none
   */
  public HubHttp(URI hub, String token, Duration timeout) {
    this.hub = hub;
    this.token = token;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public HttpResponse<String> get(String path) throws IOException {
    return send("GET", path, null);
  }

  /**
   * @param accept the Accept header, or null
   */
  public HttpResponse<String> send(String method, String path, String accept) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(hub + path))
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", AuthHeaders.tokenHeader(token));
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
