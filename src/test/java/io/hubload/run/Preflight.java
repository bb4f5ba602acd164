package io.hubload.run;

import io.hubload.config.InvalidSettingException;
import io.hubload.config.Settings;
import io.hubload.localhub.LocalHub;
import java.net.URI;

/**
 * What happens before the first virtual user starts: settings are read and checked, and the hub
 * under test is found or started. Anything wrong ends the run here, with one line naming the
 * setting and the value, and exit code 1; no stack trace, no request sent.
 */
public final class Preflight {

  private Preflight() {}

  /** This run's settings, or the end of the run. */
  public static Settings settings() {
    try {
      return Settings.read();
    } catch (InvalidSettingException e) {
      throw abort("invalid setting " + e.getMessage());
    }
  }

  /** The hub under test: the one at hub.url, or a local one started now. */
  public static HubUnderTest hub(Settings settings) {
    try {
      if (settings.hub().url().isPresent()) {
        URI url = settings.hub().url().get();
        return RemoteHub.check(url, settings.hub().password(), settings.timeouts().request());
      }
      String hubPassword = localHubPassword(settings);
      String userPassword =
          settings.hub().password().isEmpty() ? hubPassword : settings.hub().password();
      return LocalHub.start(settings.localHub(), ProjectPaths.localHubWork(), hubPassword, userPassword);
    } catch (PreflightException e) {
      throw abort(e.getMessage());
    }
  }

  /**
   * The password the local hub accepts: localhub.password, else hub.password, else a random one.
   * Tests set localhub.password and a different hub.password to see a refused login.
   */
  static String localHubPassword(Settings settings) {
    if (!settings.localHub().password().isEmpty()) {
      return settings.localHub().password();
    }
    if (!settings.hub().password().isEmpty()) {
      return settings.hub().password();
    }
    return LocalHub.randomHex(16);
  }

  /**
   * Ends the JVM with one line on stderr and exit code 1. Gatling would otherwise print the
   * exception of a failing simulation constructor as a page of stack trace.
   */
  static RuntimeException abort(String line) {
    System.out.flush();
    System.err.println("hubload: " + line);
    System.err.flush();
    System.exit(1);
    return new IllegalStateException(line); // not reached
  }
}
