package io.hubload.simulations;

import io.hubload.run.HubHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test support: one admin call to a hub's REST API. */
final class HubApi {

  private HubApi() {}

  static String get(URI hub, String token, String path) throws Exception {
    HttpResponse<String> response = new HubHttp(hub, token, Duration.ofSeconds(30)).get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError(path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
