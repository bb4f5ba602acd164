package io.hubload.hub;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.config.Settings;
import io.hubload.config.Timeouts;
import java.util.Optional;

/**
 * What every step of the journey is built from: the run's settings, the hub's URLs, and how its
 * test users get in (the password of the login form, the admin token of token mode). The
 * defaults every request shares, its timeout and what a browser adds to it, are applied here.
 */
public record HubContext(Settings settings, HubUrls urls, String userPassword, Optional<String> adminToken) {

  public Timeouts timeouts() {
    return settings.timeouts();
  }

  /**
   * A page the person opens, from the hub's home page (typed, clicked, or a form posted): bounded
   * by timeout.request.
   */
  HttpRequestActionBuilder page(HttpRequestActionBuilder request) {
    return request.headers(Browser.NAVIGATION).header("Referer", urls.hubPage()).requestTimeout(timeouts().request());
  }

  /**
   * A REST call of a page's script (the hub's API, or the user's server's): bounded by
   * timeout.request. The X-XSRFToken it needs is added to every request by {@link AuthHeaders}.
   */
  HttpRequestActionBuilder api(HttpRequestActionBuilder request) {
    return request.headers(Browser.FETCH).header("Referer", urls.hubPage()).requestTimeout(timeouts().request());
  }
}
