package io.hubload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * How long a run may take, worked out in one place from the settings: the longest a user's
 * journey can take when every wait runs to its bound, and what follows the last user. A run is
 * bounded by load.max-duration, which Gatling enforces by ending every user wherever it is: a
 * bound shorter than this would leave servers running, so the settings refuse it.
 */
public final class RunBudget {

  /**
   * Gatling's own request timeout (gatling.conf, gatling.http.requestTimeout), which bounds what
   * the suite does not: the kernel websocket's handshake. Read from the same file Gatling reads.
   */
  public static final Duration GATLING_REQUEST_TIMEOUT = gatlingRequestTimeout();

  /** Requests a journey makes outside its waits: login, spawn, redirects, kernel, stop... */
  private static final int JOURNEY_REQUESTS = 12;

  /**
   * Requests of the journey retried while the hub does not answer, each within
   * timeout.hub-unreachable: the login's three, check server, the spawn request, its progress
   * stream, and the way to the user's server.
   */
  private static final int RETRIED_REQUESTS = 7;

  /**
   * The requests a browser tab adds, each within timeout.request, when every one runs to it.
   * JupyterLab's, as recorded on JupyterLab 4.6 (docs/realism.md): its page and the 16 calls its
   * scripts make as it loads, its event-bus websocket, 6 calls as the notebook opens and 5 as its
   * kernel starts, its 9 polls at each of the 5 points between steps and once more after the
   * idle's end (54), and the autosave's 3 more; and its page's 55 files, bounded by Gatling's own
   * request timeout (gatling.conf), 6 at a time: 10 rounds. The classic UI's: 2 pages, their 33
   * files (7 rounds of 6), 10 page calls, the notebook's 3 requests and deletion, the autosave's 2
   * at each of those 6 points.
   */
  private static final int LAB_TAB_REQUESTS = 1 + 16 + 1 + 6 + 5 + 9 * 6 + 3;
  private static final int LAB_TAB_FILE_ROUNDS = 10;

  /**
   * How long a person looks at JupyterLab's launcher, or Notebook 7's folder page, before making a
   * notebook (as recorded: 5.1 to 5.3 s after the page was asked for, in both).
   */
  public static final Duration LAB_LAUNCHER_GLANCE = Duration.ofSeconds(5);

  /**
   * Notebook 7's, as recorded on Notebook 7.6.5 (docs/realism.md): the folder page and the 24
   * calls its scripts make as it loads, its event-bus websocket; the 13 calls of the folder's tab
   * opening the notebook it made; the notebook's page, its 15 calls and its event-bus websocket;
   * 4 calls and the folder's kernel websocket as the kernel starts; the notebook tab's 8 polls at
   * each of the 5 points between steps and once more after the idle's end (48), the folder tab's 6
   * last ticks, and the autosave's 4 more. Its pages' 55 and 15 files, 6 at a time: 10 and 3
   * rounds. The person looks at the folder page before clicking New, as at JupyterLab's launcher.
   */
  private static final int NOTEBOOK_TAB_REQUESTS = 1 + 24 + 1 + 13 + 1 + 15 + 1 + 4 + 1 + 8 * 6 + 6 + 4;
  private static final int NOTEBOOK_TAB_FILE_ROUNDS = 10 + 3;

  private static final int CLASSIC_TAB_REQUESTS = 2 + 7 + 10 + 4 + 12;

  private RunBudget() {}

  /**
   * An upper bound on one user's journey when every wait runs to its timeout: a dozen requests
   * (login, spawn, open server with its redirects, kernel, stop), the spawn, two waits for a server
   * to go (a leftover one, then its own, each possibly behind a pending spawn), the workload's
   * executions with their think times, the longest session (plus one more round of the workload
   * for an active user), the browser tab's requests, and the websocket handshake.
   */
  public static Duration longestJourney(
      LoadProfile profile, SessionSettings configuredSession, ExecuteSettings execute, Timeouts timeouts) {
    SessionSettings session = configuredSession.under(profile);
    Duration stopWait = timeouts.stopWindow(true).plus(timeouts.request().multipliedBy(2));
    Duration workloadOnce = timeouts.execute().plus(execute.thinkTime()).multipliedBy(execute.workload().size());
    return timeouts
        .request()
        .multipliedBy(JOURNEY_REQUESTS)
        .plus(timeouts.spawn())
        .plus(timeouts.hubUnreachable().multipliedBy(RETRIED_REQUESTS))
        .plus(stopWait.multipliedBy(2))
        .plus(workloadOnce.multipliedBy(execute.repeat()))
        .plus(session.idleMax())
        .plus(session.behaviour() == SessionSettings.Behaviour.ACTIVE ? workloadOnce : Duration.ZERO)
        .plus(tabRequests(session.tab(), timeouts))
        .plus(GATLING_REQUEST_TIMEOUT);
  }

  private static Duration tabRequests(SessionSettings.Tab tab, Timeouts timeouts) {
    return switch (tab) {
      case LAB ->
          timeouts
              .request()
              .multipliedBy(LAB_TAB_REQUESTS)
              .plus(GATLING_REQUEST_TIMEOUT.multipliedBy(LAB_TAB_FILE_ROUNDS))
              .plus(LAB_LAUNCHER_GLANCE);
      case NOTEBOOK ->
          timeouts
              .request()
              .multipliedBy(NOTEBOOK_TAB_REQUESTS)
              .plus(GATLING_REQUEST_TIMEOUT.multipliedBy(NOTEBOOK_TAB_FILE_ROUNDS))
              .plus(LAB_LAUNCHER_GLANCE);
      case CLASSIC -> timeouts.request().multipliedBy(CLASSIC_TAB_REQUESTS);
      case API -> Duration.ZERO;
    };
  }

  /**
   * The end-of-run cleanup after the last user: its checks (no login starts after timeout.stop; a
   * login is four requests) and its stops (the stop window, plus the request under way when it
   * runs out).
   */
  public static Duration endOfRun(Timeouts timeouts) {
    return timeouts.stop().plus(timeouts.request().multipliedBy(5)).plus(timeouts.stopWindow(true));
  }

  /** How long a run can go on after its last user arrives: that user's journey, then the end of run. */
  public static Duration afterLastArrival(
      LoadProfile profile, SessionSettings session, ExecuteSettings execute, Timeouts timeouts) {
    return longestJourney(profile, session, execute, timeouts).plus(endOfRun(timeouts));
  }

  private static Duration gatlingRequestTimeout() {
    // As Gatling reads it: system properties over gatling.conf; a bare number is milliseconds.
    Config gatling = ConfigFactory.systemProperties().withFallback(ConfigFactory.parseResources("gatling.conf"));
    String key = "gatling.http.requestTimeout";
    return gatling.hasPath(key) ? gatling.getDuration(key) : Duration.ofSeconds(60);
  }
}
