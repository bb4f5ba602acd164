package io.hubload.run;

import io.hubload.hubapi.HubUnderTest;
import io.hubload.hubapi.PreflightException;
import io.hubload.config.InvalidSettingException;
import io.hubload.config.HubSettings;
import io.hubload.config.Settings;
import io.hubload.localhub.LocalHub;
import java.util.Optional;

/**
 * What happens before the first virtual user starts: settings are read and checked, and the hub
 * under test is found or started. Anything wrong ends the run here, with one line naming the
 * setting and the value, and exit code 1; no stack trace, no request sent.
 */
public final class Preflight {

  /** The longest token JupyterHub 5.5.3, 6.1.0 and later accept. */
  private static final int MAX_TOKEN_LENGTH = 64;

  private Preflight() {}

  /** This run's settings, or the end of the run. */
  public static Settings settings() {
    try {
      Settings settings = Settings.read();
      settings.requireWhatTheRunNeeds();
      return settings;
    } catch (InvalidSettingException e) {
      throw abort("invalid setting " + e.getMessage());
    }
  }

  /**
   * The hub under test: the one at hub.url, or a local one started now. In token mode its admin
   * token is checked too.
   */
  public static HubUnderTest hub(Settings settings) {
    try {
      HubUnderTest hub = findOrStart(settings);
      Optional<String> refused = settings.hub().serverNameRefusedBy(hub.version(), settings.load().profile().largestCount());
      if (refused.isPresent()) {
        hub.close();
        throw new PreflightException(refused.get());
      }
      if (settings.hub().auth() == HubSettings.Auth.TOKEN) {
        try {
          AdminToken.check(hub.url(), hub.adminToken().orElseThrow(), settings.timeouts().request());
        } catch (PreflightException e) {
          hub.close();
          throw e;
        }
      }
      return hub;
    } catch (PreflightException e) {
      throw abort(e.getMessage());
    }
  }

  /** The hub at hub.url, checked to be one, or a local hub started now. */
  private static HubUnderTest findOrStart(Settings settings) {
    HubSettings hub = settings.hub();
    Optional<String> adminToken =
        hub.adminToken().isEmpty() ? Optional.empty() : Optional.of(hub.adminToken());
    if (hub.url().isPresent()) {
      return RemoteHub.check(hub.url().get(), hub.password(), adminToken, settings.timeouts().request());
    }
    String hubPassword = localHubPassword(settings);
    String userPassword = hub.password().isEmpty() ? hubPassword : hub.password();
    return LocalHub.start(
        settings.localHub(), ProjectPaths.localHubWork(), hubPassword, userPassword, serviceToken(adminToken));
  }

  /**
   * The local hub's admin service token: hub.admin-token when given (so that a user who set
   * HUB_ADMIN_TOKEN can use it), otherwise a random one.
   */
  private static String serviceToken(Optional<String> adminToken) {
    if (adminToken.isPresent() && adminToken.get().length() < 8) {
      // JupyterHub refuses shorter tokens, and its refusal repeats the token in its log.
      throw new PreflightException(
          "hub.admin-token (HUB_ADMIN_TOKEN): the local hub needs a token of at least 8 characters");
    }
    if (adminToken.isPresent() && adminToken.get().length() > MAX_TOKEN_LENGTH) {
      // JupyterHub 5.5.3 and 6.1.0 and later refuse longer tokens (a security fix).
      throw new PreflightException(
          "hub.admin-token (HUB_ADMIN_TOKEN): the local hub takes a token of at most "
              + MAX_TOKEN_LENGTH
              + " characters (JupyterHub 5.5.3 and 6.1 refuse longer ones)");
    }
    return adminToken.orElseGet(() -> LocalHub.randomHex(32));
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
