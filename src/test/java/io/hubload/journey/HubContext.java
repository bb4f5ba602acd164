package io.hubload.journey;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.config.Settings;
import io.hubload.config.Timeouts;
import java.util.Optional;
import io.hubload.hubapi.Browser;
import io.hubload.hubapi.HubUrls;

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
   * A page the person opens (typed, clicked, or a form posted): bounded by timeout.request. Its
   * Referer is the page before it, as Gatling sets it for a browser.
   */
  public HttpRequestActionBuilder page(HttpRequestActionBuilder request) {
    return request.headers(Browser.NAVIGATION).requestTimeout(timeouts().request());
  }

  /** A page the person opens from the hub's home page: its buttons and links. */
  public HttpRequestActionBuilder pageFromHubHome(HttpRequestActionBuilder request) {
    return page(request).header("Referer", urls.hubPage());
  }

  /**
   * A REST call of a page's script, bounded by timeout.request: the user's server's API (Referer:
   * the page before, as Gatling sets it), or an admin's call. The X-XSRFToken it needs is added to
   * every request by {@link AuthHeaders}. An answer from the hub where the user's server was
   * expected fails in words ({@link ServerAnswers#fromTheHubInsteadOfTheServer}).
   */
  public HttpRequestActionBuilder api(HttpRequestActionBuilder request) {
    return request
        .headers(Browser.FETCH)
        .requestTimeout(timeouts().request())
        // Before any other check, so that the KO says who answered.
        .checkIf(ServerAnswers::fromTheHubInsteadOfTheServer)
        .then(ServerAnswers.answeredByTheHub())
        .check(ServerAnswers.keepsTheBody());
  }

  /**
   * A REST call of a hub page's script to the hub's API: its Referer is the hub's home page, which
   * JupyterHub checks on cookie-authenticated API calls (3.x refuses one without a Referer from the
   * hub).
   */
  public HttpRequestActionBuilder hubApi(HttpRequestActionBuilder request) {
    return api(request).header("Referer", urls.hubPage());
  }
}
