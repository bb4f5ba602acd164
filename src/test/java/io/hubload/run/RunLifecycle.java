package io.hubload.run;

import io.hubload.capacity.CapacitySearch;
import io.hubload.capacity.Verdict;
import io.hubload.report.TimelineSample;
import java.util.List;
import io.hubload.hubapi.HubUnderTest;
import io.hubload.config.DistributedSettings;
import io.hubload.config.Durations;
import io.hubload.config.LoadProfile;
import io.hubload.config.SessionSettings;
import io.hubload.config.Settings;
import io.hubload.config.Timeouts;
import java.time.Duration;
import io.hubload.journey.HubContext;
import io.hubload.hubapi.HubUrls;
import io.hubload.journey.ServerLedger;
import io.hubload.localhub.LocalHub;
import io.hubload.report.RunFacts;
import io.hubload.journey.tab.TabNotes;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one run, in the order it happens:
 *
 * <ol>
 *   <li>{@link #begin}: the settings are read and checked, the hub under test is found (hub.url)
 *       or started (the local hub), and its metrics are read once before the first user. Any
 *       problem ends the run here, with one line and exit code 1, before any request of a user;
 *   <li>the simulation sets up the journey with {@link #context} and starts its users;
 *   <li>after the last user, the end of run stops what they left running ({@link #leftovers});
 *   <li>{@link #end}, from the simulation's {@code after()}: the same cleanup if the run was cut
 *       short before it, the hub's metrics once more, and the hub given back (a local hub is
 *       stopped with everything it started);
 *   <li>at the JVM's exit, once Gatling has written its HTML report: the report is copied to
 *       reports/ with its summary.json ({@link RunReports}).
 * </ol>
 */
public final class RunLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RunLifecycle.class);

  private final Class<?> simulation;
  private final Settings settings;
  private final HubUnderTest hub;
  private final HubUrls urls;
  private final HubMetricsProbe hubMetrics;
  private final HubTimeline timeline;
  private Settings runSettings;
  private LeftoverServers leftovers;
  private Map<String, Object> hubMetricsDelta = Map.of("unavailable", "the run did not end normally");
  private volatile boolean ended;
  private volatile Verdict capacity;

  private RunLifecycle(Class<?> simulation, Settings settings, HubUnderTest hub) {
    this.simulation = simulation;
    this.settings = settings;
    this.runSettings = settings;
    this.hub = hub;
    this.urls = new HubUrls(hub.url(), settings.hub().serverName().isPresent());
    this.hubMetrics = HubMetricsProbe.start(hub, settings.timeouts().request());
    this.timeline = HubTimeline.start(hub, settings.metrics().interval(), settings.timeouts().request());
  }

  /**
   * Steps 1 and 5: settings, hub, and metrics before the first user (and the hub's timeline from
   * then on); the reports at exit.
   */
  public static RunLifecycle begin(Class<?> simulation) {
    Settings settings = Preflight.settings();
    RunLifecycle run = new RunLifecycle(simulation, settings, Preflight.hub(settings));
    RunReports.copyOnExit(
        simulation,
        () -> new RunReports.Ending(run.facts(), run.hubMetricsDelta, run.timeline.samples(), run.capacity));
    Interruption.install(run.new OnSignal());
    Runtime.getRuntime().addShutdownHook(new Thread(run::exitingEarly, "hubload-exiting-early"));
    return run;
  }

  /** The run's settings, as read. */
  public Settings settings() {
    return settings;
  }

  /**
   * Step 2: what the journey is built from, with the settings this run uses (a simulation may
   * change some, as the smoke run does its load), which are also what its summary reports.
   */
  public HubContext context(Settings run) {
    this.runSettings = run;
    LoadProfile profile = run.load().profile();
    LOG.info(
        "{}: {}, users {}, bounded by {}; JupyterHub {} at {} ({} login)",
        simulation.getSimpleName(),
        profile.describe(),
        run.effectiveSession().behaviour().name().toLowerCase(Locale.ROOT),
        Durations.format(run.load().maxDuration()),
        hub.version(),
        hub.url(),
        run.hub().auth().name().toLowerCase(Locale.ROOT));
    if (run.distributed().isShared()) {
      LOG.info(
          "{}: this is {}, running its share: the user counts above are the whole load's",
          simulation.getSimpleName(),
          run.distributed().shard().describe());
    }
    this.leftovers = new LeftoverServers(hub, run, hub instanceof LocalHub, ServerLedger::users, System.out);
    if (profile instanceof LoadProfile.Capacity capacity) {
      CapacitySearch.start(capacity, run.slo(), this::hubApiP95, this::capacityFound);
    }
    return new HubContext(run, urls, hub.userPassword(), hub.adminToken());
  }

  /**
   * The capacity search found the first level that breaks a service level: no user starts a new
   * server, and the run ends through Gatling's own stop; {@link #end} stops the servers left.
   */
  private void capacityFound(Verdict verdict) {
    System.out.println("hubload: capacity: " + verdict.line() + "; ending the run");
    ServerLedger.stopping();
    Interruption.stopLoadGenerator("capacity found: " + verdict.line());
  }

  /** GET /hub/api p95 over a window, from the timeline's samples (one per metrics.interval). */
  private Long hubApiP95(long from, long to) {
    List<Long> latencies =
        timeline.samples().stream()
            .filter(s -> s.at() >= from && s.at() <= to && s.heartbeatMs() != null)
            .map(TimelineSample::heartbeatMs)
            .sorted()
            .toList();
    return latencies.isEmpty() ? null : latencies.get(Math.max(0, (int) Math.ceil(0.95 * latencies.size()) - 1));
  }

  /** Step 2b: the first users are about to arrive (the capacity search's clock starts). */
  public void injectionStarts() {
    CapacitySearch.current().ifPresent(CapacitySearch::injectionStarts);
  }

  /** Step 3: the end-of-run cleanup, for the scenario that follows the last user. */
  public LeftoverServers leftovers() {
    return leftovers;
  }

  /** The hub's URL, for Gatling's HTTP protocol. */
  public HubUrls urls() {
    return urls;
  }

  /**
   * Step 4: the cleanup if the end of run did not come (load.max-duration, or a signal: then within
   * the shorter bounds of {@link #INTERRUPTED}), the metrics after, the hub given back.
   */
  public void end() {
    ended = true;
    try {
      boolean interrupted = Interruption.signal().isPresent();
      // An interrupted local hub got the signal too, as part of the run's process group, or is
      // about to be stopped with all it started: there is nothing to ask it.
      if (leftovers != null && !(interrupted && hub instanceof LocalHub)) {
        leftovers.runOnce(interrupted ? INTERRUPTED : runSettings.timeouts());
      }
      timeline.stop();
      hubMetricsDelta = hubMetrics.finish();
      // Said with the report's paths once the report is written (RunReports).
      capacity = CapacitySearch.current().map(CapacitySearch::finish).orElse(null);
    } finally {
      hub.close();
    }
  }

  /** What SIGINT and SIGTERM do to this run (see {@link Interruption}). */
  private final class OnSignal implements Interruption.Listener {
    @Override
    public void interrupted(String signal) {
      // Gatling is about to stop the users; none of them may start a server nobody would stop.
      ServerLedger.stopping();
    }

    @Override
    public void endingAtOnce(String why) {
      if (hub instanceof LocalHub local) {
        local.killNow();
      } else if (!ServerLedger.users().isEmpty()) {
        System.out.println(
            "hubload: servers of "
                + runSettings.users().prefix()
                + "* may still run; stop them with: HUB_ADMIN_TOKEN=... mvn test-compile exec:java@purge -Dhub.url="
                + hub.url());
      }
    }
  }

  /**
   * The JVM is ending before the run did, without the signals {@link Interruption} takes over (a
   * hang-up, or a JVM that would not let them be handled): the users' servers on a hub the run
   * does not own are stopped, within {@link #INTERRUPTED}. A local hub stops itself and everything
   * it started.
   */
  private void exitingEarly() {
    if (ended || leftovers == null || hub instanceof LocalHub) {
      return;
    }
    System.out.println("hubload: ending early: stopping the test users' servers");
    ServerLedger.stopping();
    leftovers.runOnce(INTERRUPTED);
  }

  /**
   * The bounds of the cleanup of an interrupted run: about a minute at most (checks within its
   * timeout.stop, then stops within its stop window, each request bounded by its timeout.request),
   * inside {@link Interruption#BOUND}.
   */
  static final Timeouts INTERRUPTED =
      new Timeouts(
          Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ZERO);

  /** What this run was, for reports/RUN/summary.json. Never a secret. */
  private RunFacts facts() {
    LoadProfile profile = runSettings.load().profile();
    SessionSettings session = runSettings.effectiveSession();
    return new RunFacts(
        simulation.getSimpleName(),
        new RunFacts.Profile(profile.name(), profile.describe(), profile.parameters()),
        new RunFacts.Session(
            session.behaviour().name().toLowerCase(Locale.ROOT),
            Durations.format(session.idleMin()),
            Durations.format(session.idleMax()),
            session.tab().name().toLowerCase(Locale.ROOT),
            TabNotes.notServed().stream().sorted().toList()),
        runSettings.execute().notebook().orElse(runSettings.execute().workload().get(0).code()),
        Durations.format(runSettings.load().maxDuration()),
        new RunFacts.Hub(
            hub.url().toString(), // checked at start to hold no credentials
            hub.version(),
            hub instanceof LocalHub,
            runSettings.hub().auth().name().toLowerCase(Locale.ROOT),
            runSettings.hub().serverName().orElse(null)),
        runSettings.users().prefix(),
        null,
        null,
        null,
        null,
        Interruption.signal().orElse(null),
        injectors(runSettings.distributed()));
  }

  /** This injector's part as its summary.json records it: null when it is the only one. */
  public static RunFacts.Injectors injectors(DistributedSettings distributed) {
    if (!distributed.isShared()) {
      return null;
    }
    return new RunFacts.Injectors(
        distributed.shard().count(),
        distributed.shard().index(),
        distributed.startAt().map(Object::toString).orElse(null),
        null);
  }

  /**
   * Waits until distributed.start-at, so that every injector starts its users together; an
   * injector that is not ready by then ends its run at once, with one line and exit code 1.
   */
  public void awaitStart() {
    java.util.Optional<java.time.Instant> startAt = settings.distributed().startAt();
    if (startAt.isEmpty()) {
      return;
    }
    Duration wait = Duration.between(java.time.Instant.now(), startAt.get());
    if (wait.isNegative()) {
      throw Preflight.abort(
          "invalid setting distributed.start-at = "
              + startAt.get()
              + ": passed "
              + Durations.format(wait.negated().withNanos(0))
              + " before "
              + settings.distributed().shard().describe()
              + " was ready to start its users: give the injectors more lead time");
    }
    System.out.println(
        "hubload: " + settings.distributed().shard().describe() + " starts its users at " + startAt.get()
            + " (in " + Durations.format(wait.withNanos(0)) + ")");
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
