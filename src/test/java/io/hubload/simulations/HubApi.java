package io.hubload.simulations;

import io.hubload.hub.AuthHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Test support: one admin call to a hub's REST API. */
final class HubApi {

  private HubApi() {}

  static String get(URI hub, String token, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(hub + path))
                    .header("Authorization", AuthHeaders.tokenHeader(token))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
