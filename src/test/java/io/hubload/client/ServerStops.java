package io.hubload.client;

import io.hubload.config.Durations;
import io.hubload.config.Timeouts;
import io.hubload.hub.ServerState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stops a set of servers and waits until the hub reports them gone: the purge's and the
 * end-of-run cleanup's loop. Every stop is asked at once; then the hub is polled once a second.
 * A server still pending its spawn refuses to stop, so it is asked again each round until it
 * accepts, and the wait grows to the stop window of a spawning server (the spawn must end first:
 * {@link Timeouts#stopWindow}). A server the hub refuses to stop for good is not asked again. No
 * request starts after the window, so the whole takes at most that plus one request's timeout.
 */
public final class ServerStops {

  /** A server that is still there, and why: "refused by the hub (...)", "still there after...". */
  public record Left(String user, String server, String why) {
    /** "hubload-1's default server still there after 2m (timeout.stop)". */
    public String line() {
      return describe(user, server) + " " + why;
    }
  }

  /** How the stops ended: how many of the servers went, and what is still there. */
  public record Outcome(int stopped, List<Left> left) {}

  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private ServerStops() {}

  /**
   * @param servers the servers to stop, by user ("" is the default server)
   * @param as who stops each user's servers: the admin, or the user itself
   */
  public static Outcome stop(
      Map<String, Set<String>> servers, Function<String, HubClient> as, Timeouts timeouts)
      throws InterruptedException {
    Map<String, Set<String>> waiting = new LinkedHashMap<>();
    servers.forEach((user, names) -> waiting.put(user, new LinkedHashSet<>(names)));
    Set<String> asked = new LinkedHashSet<>();
    Map<String, String> refused = new LinkedHashMap<>();
    Map<String, String> lastError = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeouts.stopWindow(false).toNanos();
    boolean extended = false;
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      for (Map.Entry<String, Set<String>> user : waiting.entrySet()) {
        for (String server : user.getValue()) {
          String key = key(user.getKey(), server);
          if (asked.contains(key) || refused.containsKey(key) || System.nanoTime() >= deadline) {
            continue;
          }
          try {
            if (as.apply(user.getKey()).stopServer(user.getKey(), server)) {
              asked.add(key);
            } else if (!extended) {
              // Still spawning: the hub will not interrupt it, so give it time to finish.
              deadline += timeouts.stopWindow(true).minus(timeouts.stopWindow(false)).toNanos();
              extended = true;
            }
          } catch (HubClient.Refused e) {
            refused.put(key, e.getMessage());
          } catch (IOException e) {
            lastError.put(key, HubClient.describe(e));
          }
        }
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
      for (String user : new ArrayList<>(waiting.keySet())) {
        if (System.nanoTime() >= deadline) {
          break;
        }
        Set<String> left = waiting.get(user);
        try {
          Map<String, ServerState> running = as.apply(user).serversOf(user);
          left.removeIf(server -> running == null || !running.containsKey(server));
        } catch (IOException e) {
          // ask again on the next round
        }
        if (left.isEmpty()) {
          waiting.remove(user);
        }
      }
      if (waiting.entrySet().stream()
          .allMatch(user -> user.getValue().stream().allMatch(server -> refused.containsKey(key(user.getKey(), server))))) {
        break; // what is left was refused: no use waiting
      }
    }
    List<Left> left = new ArrayList<>();
    int total = servers.values().stream().mapToInt(Set::size).sum();
    Duration waited = timeouts.stopWindow(extended);
    String bound = " (" + Timeouts.stopWindowName(extended) + ")";
    for (Map.Entry<String, Set<String>> user : waiting.entrySet()) {
      for (String server : user.getValue()) {
        String key = key(user.getKey(), server);
        String why =
            refused.containsKey(key)
                ? "refused by the hub (" + refused.get(key) + ")"
                : "still there after " + Durations.format(waited) + bound
                    + (lastError.containsKey(key) ? "; last error: " + lastError.get(key) : "");
        left.add(new Left(user.getKey(), server, why));
      }
    }
    return new Outcome(total - left.size(), left);
  }

  /** "hubload-1's default server", "hubload-1's server 'load-1'". */
  public static String describe(String user, String server) {
    return server.isEmpty() ? user + "'s default server" : user + "'s server '" + server + "'";
  }

  private static String key(String user, String server) {
    return user + "/" + server;
  }
}
