package io.hubload.commands;

import io.hubload.config.InvalidSettingException;
import io.hubload.config.PurgeSettings;
import io.hubload.config.Timeouts;
import io.hubload.config.Settings;
import io.hubload.hubapi.ServerState;
import io.hubload.run.AdminToken;
import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.ServerStops;
import io.hubload.hubapi.PreflightException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cleans a hub of what load tests left on it: stops every server of the users whose names start
 * with users.prefix and waits (bounded by timeout.stop) until they are gone; with
 * purge.delete-users it also deletes those users, and with them their tokens. purge.dry-run only
 * lists what it would do. A user whose name does not start with the prefix is never touched.
 *
 * <p>Run it with {@code mvn test-compile exec:java@purge} and hub.url and HUB_ADMIN_TOKEN set.
 */
public final class Purge {

  /** What a purge found and did. */
  public record Outcome(List<String> users, int serversStopped, int usersDeleted, List<String> problems) {}

  private final HubClient admin;
  private final String prefix;
  private final PurgeSettings options;
  private final Timeouts timeouts;
  private final PrintStream out;

  public Purge(URI hub, String adminToken, Settings settings, PrintStream out) {
    this.admin = HubClient.withToken(hub, adminToken, settings.timeouts().request());
    this.prefix = settings.users().prefix();
    this.options = settings.purge();
    this.timeouts = settings.timeouts();
    this.out = out;
  }

  public Outcome run() throws IOException, InterruptedException {
    String verb = options.dryRun() ? "would " : "";
    List<HubClient.User> users = admin.usersStartingWith(prefix);
    out.println(
        "purge: " + users.size() + " test user(s) named " + prefix + "*" + (options.dryRun() ? " (dry run: nothing is changed)" : ""));

    Map<String, Set<String>> toStop = new LinkedHashMap<>();
    for (HubClient.User user : users) {
      for (Map.Entry<String, ServerState> server : user.servers().entrySet()) {
        out.println("purge: " + verb + "stop " + ServerStops.describe(user.name(), server.getKey()) + " (" + words(server.getValue()) + ")");
        toStop.computeIfAbsent(user.name(), u -> new LinkedHashSet<>()).add(server.getKey());
      }
    }
    int stopped = 0;
    List<String> problems = new ArrayList<>();
    if (!options.dryRun()) {
      stopped = stopAll(toStop, problems);
    }

    int deleted = 0;
    if (options.deleteUsers()) {
      for (HubClient.User user : users) {
        out.println("purge: " + verb + "delete user " + user.name() + " and its tokens");
        if (!options.dryRun()) {
          try {
            admin.deleteUser(user.name());
            deleted++;
          } catch (IOException e) {
            problems.add(e.getMessage());
          }
        }
      }
    }
    List<String> names = users.stream().map(HubClient.User::name).toList();
    out.println(
        "purge: "
            + (options.dryRun()
                ? "dry run done, nothing changed"
                : "stopped " + stopped + " server(s), deleted " + deleted + " user(s)")
            + (problems.isEmpty() ? "" : "; " + problems.size() + " problem(s)"));
    problems.forEach(p -> out.println("purge: problem: " + p));
    return new Outcome(names, stopped, deleted, problems);
  }

  private int stopAll(Map<String, Set<String>> servers, List<String> problems) throws InterruptedException {
    ServerStops.Outcome outcome = ServerStops.stop(servers, user -> admin, timeouts);
    outcome.left().forEach(left -> problems.add(left.line()));
    return outcome.stopped();
  }

  /** A server's state as the purge has always printed it. */
  private static String words(ServerState state) {
    return switch (state) {
      case SPAWN_PENDING -> "pending spawn";
      case STOP_PENDING -> "pending stop";
      case CHECK_PENDING -> "pending check";
      default -> state.words();
    };
  }

  /**
   * The command line entry: settings from -D and the environment, as for a run. Ends the JVM with
   * 0 when everything was stopped (and deleted), 1 otherwise, with one line saying why.
   */
  public static void main(String[] args) {
    int code;
    try {
      code = purge();
    } catch (InvalidSettingException e) {
      System.out.println("hubload: purge: invalid setting " + e.getMessage());
      code = 1;
    } catch (PreflightException | IOException e) {
      System.out.println("hubload: purge: " + e.getMessage());
      code = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.out.println("hubload: purge: interrupted");
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }

  private static int purge() throws IOException, InterruptedException {
    Settings settings = Settings.read();
    URI hub =
        settings
            .hub()
            .url()
            .orElseThrow(
                () ->
                    new PreflightException(
                        "hub.url is empty: the purge cleans the hub at hub.url (a local hub is thrown away with its run)"));
    String token = settings.hub().adminToken();
    if (token.isEmpty()) {
      throw new PreflightException("hub.admin-token (HUB_ADMIN_TOKEN) is empty: the purge needs an admin token");
    }
    AdminToken.check(hub, token, settings.timeouts().request());
    Outcome outcome = new Purge(hub, token, settings, System.out).run();
    return outcome.problems().isEmpty() ? 0 : 1;
  }
}
