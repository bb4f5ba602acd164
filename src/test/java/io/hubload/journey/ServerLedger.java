package io.hubload.journey;

import static io.hubload.hubapi.SessionKeys.MAY_HAVE_SERVER;
import static io.hubload.hubapi.SessionKeys.USER;

import io.gatling.javaapi.core.Session;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which test users of this run may still have a server: from the moment a server was seen or
 * asked for, until the user's own stop saw it gone. The end-of-run cleanup checks these users
 * when it cannot list every user (no admin token); one JVM runs one simulation, so the ledger is
 * the run's.
 */
public final class ServerLedger {

  private static final Set<String> USERS = ConcurrentHashMap.newKeySet();
  private static volatile boolean stopping;

  private ServerLedger() {}

  /** From here on the user may have a server: its journey must end with a stop. */
  static Session mayHaveServer(Session session) {
    USERS.add(session.getString(USER));
    return session.set(MAY_HAVE_SERVER, true);
  }

  /** Whether the journey must stop a server before it ends. */
  static boolean hasServerToStop(Session session) {
    return session.contains(MAY_HAVE_SERVER);
  }

  /** The user's own stop saw its server gone. */
  static Session gone(Session session) {
    USERS.remove(session.getString(USER));
    return session.remove(MAY_HAVE_SERVER);
  }

  /**
   * The run is being interrupted: its servers are being stopped, so no user may ask for a new
   * one (it would start after the cleanup listed what to stop, and stay).
   */
  public static void stopping() {
    stopping = true;
  }

  /** Whether the run is being interrupted. */
  static boolean isStopping() {
    return stopping;
  }

  /** The users that may still have a server, in name order. */
  public static Set<String> users() {
    return new TreeSet<>(USERS);
  }
}
