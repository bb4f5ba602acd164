package io.hubload.run;

import java.io.IOException;
import java.util.Map;

/**
 * Sees and stops a hub's servers, as someone the hub lets do it: an admin (any user's servers) or
 * a user itself (its own).
 */
public interface ServerControl {

  /**
   * A user's servers ("" is the default one) by state: "running", "pending spawn"... Empty when it
   * has none, null when there is no such user.
   */
  Map<String, String> serversOf(String user) throws IOException;

  /**
   * Asks the hub to stop a server. True when the hub took the request (it may still be stopping)
   * or the server is gone; false when the server is pending its spawn, which the hub will not
   * interrupt, and must be asked again.
   *
   * @throws Refused when the hub refuses the stop for good (a 4xx other than "pending")
   * @throws IOException when the hub could not be asked (no answer, a 5xx): ask again later
   */
  boolean stopServer(String user, String server) throws IOException;

  /** The hub said no, and asking again will not change its mind. */
  final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }
}
