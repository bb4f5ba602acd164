package io.hubload.run;

import io.hubload.hubapi.ServerStops;
import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.HubUnderTest;
import io.hubload.config.Durations;
import io.hubload.config.Timeouts;
import io.hubload.config.Settings;
import io.hubload.config.Shard;
import io.hubload.config.UserSettings;
import io.hubload.hubapi.ServerState;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * After the last user, passed or failed: asks the hub which test users (users.prefix) still have a
 * server and stops them, so that no run leaves a server behind, whatever the hub refused the users
 * themselves. With an admin token it lists every test user and stops their servers as the admin;
 * without one (form mode against a hub given by hub.url) it logs in as each user that may still
 * have a server and stops its servers as that user. A server it cannot stop makes the run fail:
 * each is printed on a line of its own, with the purge command.
 *
 * <p>One of several injectors leaves the others' users alone: their servers are theirs to stop,
 * and their users may still be working when this injector ends ({@link Shard#owns}).
 */
public final class LeftoverServers {

  /** What the cleanup left: servers it could not stop, users it could not check. */
  public record Outcome(List<String> left) {
    /** Why the run must fail, or empty when nothing is left running. */
    public Optional<String> problem() {
      return left.isEmpty()
          ? Optional.empty()
          : Optional.of(left.size() + " left running or unchecked: " + String.join("; ", left));
    }
  }

  private final HubUnderTest hub;
  private final UserSettings users;
  private final Shard shard;
  private final Timeouts timeouts;
  private final boolean localHub;
  private final Supplier<Set<String>> usersThatMayHaveServers;
  private final PrintStream out;
  private boolean done;

  /**
   * @param usersThatMayHaveServers the run's users whose own stop did not see their server gone
   */
  public LeftoverServers(
      HubUnderTest hub, Settings settings, boolean localHub, Supplier<Set<String>> usersThatMayHaveServers, PrintStream out) {
    this.hub = hub;
    this.users = settings.users();
    this.shard = settings.distributed().shard();
    this.timeouts = settings.timeouts();
    this.localHub = localHub;
    this.usersThatMayHaveServers = usersThatMayHaveServers;
    this.out = out;
  }

  /**
   * Runs the cleanup, the first time only: empty when it already ran. A second caller (the run's
   * end, when load.max-duration cut the end of run short) waits for the first to finish, so the
   * hub is not given back while servers are still being stopped.
   */
  public Optional<Outcome> runOnce() {
    return runOnce(timeouts);
  }

  /**
   * The same, within shorter bounds: for a run that is being interrupted (SIGTERM), which cannot
   * wait as long as a run that ends normally.
   */
  public synchronized Optional<Outcome> runOnce(Timeouts bounds) {
    if (done) {
      return Optional.empty();
    }
    done = true;
    try {
      return Optional.of(run(bounds));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(new Outcome(List.of("interrupted before every server was checked")));
    }
  }

  private Outcome run(Timeouts timeouts) throws InterruptedException {
    Map<String, Set<String>> servers = new LinkedHashMap<>();
    Map<String, HubClient> controls = new LinkedHashMap<>();
    List<String> unchecked = new ArrayList<>();
    Optional<String> adminToken = hub.adminToken();
    if (adminToken.isPresent()) {
      HubClient admin = HubClient.withToken(hub.url(), adminToken.get(), timeouts.request());
      try {
        for (HubClient.User user : admin.usersStartingWith(users.prefix())) {
          if (!user.servers().isEmpty() && ours(user.name())) {
            servers.put(user.name(), new LinkedHashSet<>(user.servers().keySet()));
            controls.put(user.name(), admin);
          }
        }
      } catch (IOException e) {
        String why = "the hub could not be asked (" + HubClient.describe(e) + ")";
        Set<String> users = usersThatMayHaveServers.get();
        if (users.isEmpty()) {
          unchecked.add("the test users could not be listed: " + why);
        }
        users.forEach(user -> unchecked.add(user + " may still have a server: " + why));
      }
    } else {
      // Bounded as RunBudget.endOfRun expects: no login starts after timeout.stop.
      long deadline = System.nanoTime() + timeouts.stop().toNanos();
      for (String user : usersThatMayHaveServers.get()) {
        if (System.nanoTime() > deadline) {
          unchecked.add(user + " was not checked: no time left (timeout.stop, " + Durations.format(timeouts.stop()) + ")");
          continue;
        }
        try {
          HubClient session = HubClient.logIn(hub.url(), user, hub.userPassword(), timeouts.request());
          Map<String, ServerState> own = session.serversOf(user);
          if (own != null && !own.isEmpty()) {
            servers.put(user, new LinkedHashSet<>(own.keySet()));
            controls.put(user, session);
          }
        } catch (IOException e) {
          unchecked.add(user + " could not be checked (" + HubClient.describe(e) + ")");
        }
      }
    }

    ServerStops.Outcome stops = ServerStops.stop(servers, controls::get, timeouts);
    List<String> left = new ArrayList<>(unchecked);
    stops.left().forEach(server -> left.add(server.line()));
    report(stops.stopped(), left, adminToken.isPresent());
    return new Outcome(left);
  }

  /** Whether a test user is this injector's: all are, but for one of several injectors. */
  private boolean ours(String user) {
    if (shard.isWhole()) {
      return true;
    }
    // A name that is not the prefix and a number is another tool's user with the same prefix.
    return users.number(user).stream().anyMatch(shard::owns);
  }

  private void report(int stopped, List<String> left, boolean asAdmin) {
    String who = asAdmin ? "with the admin token" : "as each user";
    if (stopped > 0) {
      out.println("hubload: end of run: stopped " + stopped + " server(s) that test users left running (" + who + ")");
    }
    String fix =
        localHub
            ? "the local hub ends with the run, and its processes with it"
            : "stop it with: HUB_ADMIN_TOKEN=... mvn test-compile exec:java@purge -Dhub.url=" + hub.url();
    for (String line : left) {
      out.println("hubload: left running: " + line + "; " + fix);
    }
    if (stopped == 0 && left.isEmpty()) {
      out.println("hubload: end of run: no test user (" + users.prefix() + "*) has a server left");
    }
    out.flush();
  }
}
