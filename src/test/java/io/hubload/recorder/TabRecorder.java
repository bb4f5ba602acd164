package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.HubUnderTest;
import io.hubload.hubapi.PreflightException;
import io.hubload.hubapi.ServerStops;
import io.hubload.config.Durations;
import io.hubload.config.InvalidSettingException;
import io.hubload.config.Settings;
import io.hubload.config.Timeouts;
import io.hubload.hubapi.ServerState;
import io.hubload.localhub.LocalHub;
import io.hubload.run.Preflight;
import io.hubload.run.ProjectPaths;
import io.hubload.journey.tab.RecordedFiles;
import io.hubload.journey.tab.TrafficComparison;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records what a real browser sends to a JupyterHub user's server: Debian's headless Chromium,
 * driven over its DevTools protocol, goes through a person's journey while every request of every
 * tab is written down, so that the load test's virtual users can be compared with a person's
 * browser.
 *
 * <p>The journey ({@link TabRecorderJourney}), in one of three UIs ({@code record.ui}): the classic
 * notebook ({@link TabRecorderClassicJourney}), JupyterLab 4 ({@link TabRecorderLabJourney}),
 * Notebook 7 ({@link TabRecorderNotebookJourney}):
 *
 * <ol>
 *   <li>{@code /hub/login}: the user name and the password typed into the form, the form submitted;
 *   <li>the hub spawns the server, the browser follows it to the UI's first page ({@code tree},
 *       {@code lab}), until that page has loaded and sent nothing for 2 s;
 *   <li>a new notebook, made with the (emulated) mouse as a person makes it: the classic and
 *       Notebook 7 folder pages' <b>New</b> menu, whose page code opens the notebook in a new tab
 *       ({@code window.open}), attached as soon as it exists (auto-attach, held until its Network
 *       events are on, so its first request is recorded too), the folder's tab staying open
 *       behind it; JupyterLab's launcher card, which opens it in the same page. Headless Chromium
 *       hides the folder's tab without telling its page (no blur event, which a desktop browser
 *       fires and on which the classic tree page stops its 60 s refresh), so the recorder
 *       switches to the folder's tab and straight back, which makes it fire;
 *   <li>once the kernel is connected, {@code 5 * 4} is typed into the first cell and run with
 *       Shift+Enter; its output must be {@code 20};
 *   <li>nothing is done for {@code record.idle}, the tabs open;
 *   <li>the recording stops, the browser is closed, and the user's server is stopped through the
 *       hub's API (admin token) and awaited until gone.
 * </ol>
 *
 * <p>It writes {@code record.out}, a JSON file: the hub's, the server's and the browser's
 * versions; the journey's moments ({@code marks}, in ms since its start, with {@code idleStart}
 * and {@code journeyEnd}); each tab's focus and visibility at the idle's start and the focus
 * events its page saw; every request with its time, tab ("tree", "notebook", "lab"), method, path
 * (relative to {@code /user/NAME/} for the server, from {@code /hub/} for the hub; OAuth codes and
 * tokens in queries replaced by REDACTED), resource type (Document, Script, XHR, WebSocket...),
 * status, and whether the browser's cache answered it; the websockets with their subprotocol and
 * frame counts; and every websocket frame's time, direction, size, and Jupyter channel and
 * message type (never its content). It prints requests by resource type, and the idle minutes'
 * requests and frames minute by minute.
 *
 * <p>Settings: those of the suite ({@code hub.url}, {@code hub.password}, {@code hub.admin-token},
 * {@code users.prefix}, {@code execute.kernel}, {@code timeout.*}, {@code localhub.*}), and these
 * of its own, as JVM system properties:
 *
 * <ul>
 *   <li>{@code record.ui}: {@code classic}, {@code lab} or {@code notebook} (Notebook 7); by
 *       default {@code classic} on Debian's local hub ({@code localhub.jupyterhub = debian}),
 *       {@code lab} on any other;
 *   <li>{@code record.idle}: how long the tabs sit idle, default {@code 3m};
 *   <li>{@code record.user}: the hub user, default {@code <users.prefix>recorder};
 *   <li>{@code record.out}: the JSON file, default {@code target/tab-recording.json};
 *   <li>{@code record.files}: if set, a file to write the pages' static files to, as the suite's
 *       tab loads them ({@code src/test/resources/tabs/classic-files.json} with the classic UI,
 *       {@code lab-files.json} with JupyterLab; see {@link RecordedFiles}).
 * </ul>
 *
 * <p>With {@code hub.url} empty (the default) it starts the suite's throwaway local hub and stops
 * it at the end, also on failure. Against another hub it needs {@code hub.password} and an admin
 * token ({@code HUB_ADMIN_TOKEN}), to stop the server. Run it with:
 *
 * <pre>
 * mvn test-compile exec:java@record -Drecord.idle=3m
 * </pre>
 *
 * <p>It needs {@code /usr/bin/chromium}. Every wait is bounded by a timeout setting; it exits 0
 * when the journey was recorded, 1 with one line saying why when not. It never prints the
 * password or the token.
 */
public final class TabRecorder {

  /** The tool's own settings: JVM system properties (the suite's settings file knows nothing of them). */
  record Options(TabRecorderJourney.Ui ui, Duration idle, String user, Path out, Optional<Path> files) {

    static Options read(Settings settings) {
      TabRecorderJourney.Ui ui = readUi(settings);
      String user = System.getProperty("record.user", settings.users().prefix() + "recorder");
      if (!user.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        throw new InvalidSettingException(
            "record.user", user, "use lower-case letters, digits, '-' or '_', starting with a letter or digit");
      }
      Path out = Path.of(System.getProperty("record.out", "target/tab-recording.json"));
      Optional<Path> files = Optional.ofNullable(System.getProperty("record.files")).filter(f -> !f.isBlank()).map(Options::inProject);
      return new Options(ui, readIdle(), user, inProject(out), files);
    }

    /**
     * record.ui: the UI the journey goes through. By default the one the hub's users get: the
     * classic notebook on Debian's local hub, JupyterLab on a hub from PyPI and on any other hub.
     */
    static TabRecorderJourney.Ui readUi(Settings settings) {
      String raw = System.getProperty("record.ui", "");
      if (raw.isBlank()) {
        return defaultUi(settings);
      }
      try {
        return TabRecorderJourney.Ui.valueOf(raw.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("record.ui", raw, "one of classic, lab, notebook");
      }
    }

    static TabRecorderJourney.Ui defaultUi(Settings settings) {
      boolean debian = settings.hub().url().isEmpty() && settings.localHub().jupyterhub().isDebian();
      return debian ? TabRecorderJourney.Ui.CLASSIC : TabRecorderJourney.Ui.LAB;
    }

    private static Path inProject(String path) {
      return inProject(Path.of(path));
    }

    private static Path inProject(Path path) {
      return path.isAbsolute() ? path : ProjectPaths.basedir().resolve(path);
    }

    private static Duration readIdle() {
      String raw = System.getProperty("record.idle", "3m");
      if (raw.matches("[+-]?[0-9.]+")) {
        throw new InvalidSettingException("record.idle", raw, "a duration needs a unit, e.g. 30s, 3m");
      }
      Duration idle;
      try {
        idle = ConfigFactory.parseMap(Map.of("idle", raw)).getDuration("idle");
      } catch (ConfigException e) {
        throw new InvalidSettingException("record.idle", raw, "not a duration (e.g. 30s, 3m, 1h)");
      }
      if (idle.isNegative() || idle.compareTo(Duration.ofHours(24)) > 0) {
        throw new InvalidSettingException("record.idle", raw, "must be between 0s and 24h");
      }
      return idle;
    }
  }

  private final Settings settings;
  private final Options options;
  private final HubUnderTest hub;
  private final HubClient admin;
  private final PrintStream out;

  private TabRecorder(Settings settings, Options options, HubUnderTest hub, String adminToken, PrintStream out) {
    this.settings = settings;
    this.options = options;
    this.hub = hub;
    this.admin = HubClient.withToken(hub.url(), adminToken, settings.timeouts().request());
    this.out = out;
  }

  public static void main(String[] args) {
    int code = 1;
    try {
      record(System.out);
      code = 0;
    } catch (InvalidSettingException e) {
      fail("invalid setting " + e.getMessage());
    } catch (PreflightException | IOException e) {
      fail(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
    System.exit(code);
  }

  private static void fail(String line) {
    System.out.flush();
    System.err.println("hubload: tab recorder: " + line);
    System.err.flush();
  }

  /**
   * Records the journey on a hub that runs (a test's local hub), into {@code out}: the same as the
   * command line, without its settings of its own.
   */
  public static void record(Settings settings, HubUnderTest hub, String ui, Duration idle, String user, Path file, PrintStream out)
      throws IOException, InterruptedException {
    TabRecorderJourney.Ui journey = TabRecorderJourney.Ui.valueOf(ui.toUpperCase(java.util.Locale.ROOT));
    new TabRecorder(settings, new Options(journey, idle, user, file, Optional.empty()), hub, hub.adminToken().orElseThrow(), out).run();
  }

  private static void record(PrintStream out) throws IOException, InterruptedException {
    Settings settings = Settings.read();
    Options options = Options.read(settings);
    requireWhatARemoteHubNeeds(settings);
    // The suite's own way to the hub: hub.url checked, or the local hub started (one line and exit 1 if not).
    try (HubUnderTest hub = Preflight.hub(settings)) {
      String token = hub.adminToken().orElseThrow();
      new TabRecorder(settings, options, hub, token, out).run();
    }
  }

  private static void requireWhatARemoteHubNeeds(Settings settings) {
    if (settings.hub().url().isEmpty()) {
      return;
    }
    if (settings.hub().password().isEmpty()) {
      throw new InvalidSettingException(
          "hub.password", "(empty)", "the recorder logs in through the hub's form; set HUB_PASSWORD");
    }
    if (settings.hub().adminToken().isEmpty()) {
      throw new InvalidSettingException(
          "hub.admin-token", "(empty)", "the recorder stops its server with an admin token; set HUB_ADMIN_TOKEN");
    }
  }

  private void run() throws IOException, InterruptedException {
    out.printf(
        "tab recorder: JupyterHub %s at %s, the %s UI, user %s, idle %s%n",
        hub.version(), hub.url(), options.ui().name().toLowerCase(java.util.Locale.ROOT), options.user(), Durations.format(options.idle()));
    // A server left running would skip the spawn a person goes through.
    stopServer("stopping " + options.user() + "'s server, left running before");
    TabRecorderPaths paths = new TabRecorderPaths(hub.url(), options.user());
    TabRecorderLog log = new TabRecorderLog();
    Recorded recorded;
    try {
      recorded = recordJourney(log, paths);
    } catch (IOException | RuntimeException e) {
      stopServerAfter(e);
      throw e;
    }
    stopServer("stopping " + options.user() + "'s server through the hub's API");
    TabRecorderJourney journey = recorded.journey();
    TabRecorderReport report =
        new TabRecorderReport(
            recorded.facts(), log, recorded.targets(), recorded.tabNames(), paths, journey.marks(), journey.focus());
    report.write(options.out());
    if (options.files().isPresent()) {
      RecordedFiles files =
          switch (options.ui()) {
            case LAB -> RecordedFiles.LAB;
            case NOTEBOOK -> RecordedFiles.NOTEBOOK;
            case CLASSIC -> RecordedFiles.CLASSIC;
          };
      files.write(files.fromRecording(report.json()), options.files().get());
      out.println("tab recorder: the pages' files written to " + options.files().get());
    }
    report.print(out);
    out.println();
    out.println("tab recorder: requests to the user's server per class, per minute centred on whole minutes after the notebook's page (or creation):");
    out.print(TrafficComparison.table(TrafficComparison.ofRecording(report.json())));
    out.println();
    out.println("tab recorder: " + log.requests().size() + " requests written to " + options.out());
  }

  /** What the journey left for the report. */
  private record Recorded(
      TabRecorderReport.Facts facts, CdpTargets targets, TabRecorderJourney journey, Map<String, String> tabNames) {}

  /** The browser's whole life: steps 1 to 5, then the recording stopped and the browser closed. */
  private Recorded recordJourney(TabRecorderLog log, TabRecorderPaths paths) throws IOException {
    Timeouts timeouts = settings.timeouts();
    try (CdpBrowser browser = CdpBrowser.launch(timeouts.request())) {
      browser.cdp().onEvent(log::onEvent);
      CdpTargets targets = CdpTargets.attachAll(browser.cdp());
      JsonNode version = browser.version();
      TabRecorderJourney journey =
          TabRecorderJourney.of(options.ui(), targets, log, paths, settings.execute().kernel(), timeouts, out);
      journey.openBrowserTab();
      log.begin();
      try {
        journey.logIn(options.user(), hub.userPassword());
        journey.awaitLandingPage();
        journey.openNewNotebook();
        journey.runFirstCell();
        journey.idle(options.idle(), browser);
      } finally {
        log.stop();
      }
      Map<String, String> tabNames = journey.tabNames();
      String product = version.path("product").asText();
      TabRecorderReport.Facts facts =
          new TabRecorderReport.Facts(
              options.ui().name().toLowerCase(java.util.Locale.ROOT),
              Instant.ofEpochMilli(log.startEpochMillis()).toString(),
              hub.version(),
              hub instanceof LocalHub,
              serverVersion(),
              "Chromium " + product.substring(product.indexOf('/') + 1),
              version.path("userAgent").asText(),
              options.user(),
              options.idle());
      return new Recorded(facts, targets, journey, tabNames);
    }
  }

  /** The notebook server's version: {@code GET /user/NAME/api} answers without authentication. */
  private String serverVersion() {
    try {
      return HubClient.anonymous(hub.url(), settings.timeouts().request())
          .get("/user/" + options.user() + "/api")
          .body()
          .transform(HubClient::versionOf)
          .orElse("?");
    } catch (IOException e) {
      return "? (" + HubClient.describe(e) + ")";
    }
  }

  /** A failed journey still stops the server; a failure to stop it is added to the journey's. */
  private void stopServerAfter(Exception failure) throws InterruptedException {
    try {
      stopServer("stopping " + options.user() + "'s server after the failure");
    } catch (IOException e) {
      failure.addSuppressed(e);
      System.err.println("hubload: tab recorder: " + e.getMessage());
    }
  }

  /** Stops the user's default server if it runs, and waits until the hub says it is gone (timeout.stop). */
  private void stopServer(String line) throws IOException, InterruptedException {
    Map<String, ServerState> servers = admin.serversOf(options.user());
    if (servers == null || !servers.containsKey("")) {
      return;
    }
    out.println("tab recorder: " + line);
    ServerStops.Outcome outcome = ServerStops.stop(Map.of(options.user(), Set.of("")), user -> admin, settings.timeouts());
    if (!outcome.left().isEmpty()) {
      throw new IOException(outcome.left().get(0).line());
    }
  }
}
