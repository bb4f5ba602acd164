package io.hubload.hubapi;

import io.hubload.config.Durations;
import io.hubload.config.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Stops a set of servers and waits until the hub reports them gone: the purge's and the
 * end-of-run cleanup's loop. Every stop is asked at once (up to 16 requests in flight); then the hub is polled once a second.
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
  /** Stops asked at once; more wait for a free asker, each bounded by the request timeout. */
  private static final int MAX_STOPS_AT_ONCE = 16;

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
    ExecutorService askers = Executors.newFixedThreadPool(MAX_STOPS_AT_ONCE, ServerStops::daemon);
    try {
      while (!waiting.isEmpty() && System.nanoTime() < deadline) {
        // The hub answers a stop only once the server is gone, or after its slow_stop_timeout
        // (10 s): asked one after the other, 3 servers that take 5 s each to go used up a 15 s
        // timeout.stop. So each round's stops are asked at once.
        Map<String, Future<Boolean>> asking = new LinkedHashMap<>();
        long askUntil = deadline;
        for (Map.Entry<String, Set<String>> user : waiting.entrySet()) {
          for (String server : user.getValue()) {
            String key = key(user.getKey(), server);
            if (!asked.contains(key) && !refused.containsKey(key)) {
              // No request starts after the window (null: not asked).
              asking.put(
                  key,
                  askers.submit(
                      () -> System.nanoTime() < askUntil ? as.apply(user.getKey()).stopServer(user.getKey(), server) : null));
            }
          }
        }
        boolean stillSpawning = false;
        for (Map.Entry<String, Future<Boolean>> ask : asking.entrySet()) {
          try {
            Boolean accepted = ask.getValue().get();
            if (Boolean.TRUE.equals(accepted)) {
              asked.add(ask.getKey());
            } else if (accepted != null) {
              stillSpawning = true;
            }
          } catch (ExecutionException e) {
            if (e.getCause() instanceof HubClient.Refused refusal) {
              refused.put(ask.getKey(), refusal.getMessage());
            } else if (e.getCause() instanceof IOException failure) {
              lastError.put(ask.getKey(), HubClient.describe(failure));
            } else {
              throw new IllegalStateException(e.getCause());
            }
          }
        }
        if (stillSpawning && !extended) {
          // Still spawning: the hub will not interrupt it, so give it time to finish.
          deadline += timeouts.stopWindow(true).minus(timeouts.stopWindow(false)).toNanos();
          extended = true;
        }
        if (System.nanoTime() >= deadline) {
          break;
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
    } finally {
      askers.shutdownNow();
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

  private static Thread daemon(Runnable asker) {
    Thread thread = new Thread(asker, "hubload-stop");
    thread.setDaemon(true);
    return thread;
  }

  private static String key(String user, String server) {
    return user + "/" + server;
  }
}
