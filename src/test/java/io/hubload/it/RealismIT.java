package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import io.hubload.localhub.LocalHub;
import io.hubload.report.RunSummary;
import io.hubload.run.ProjectPaths;
import io.hubload.journey.tab.TrafficComparison;
import io.hubload.testing.Browser;
import io.hubload.testing.ForkedGatling;
import io.hubload.recorder.TabRecorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The suite's tabs against a real browser: Debian's Chromium goes through the journey on a local
 * hub (TabRecorder: log in, spawn, the UI's first page, a new notebook, run a cell, idle), while
 * one virtual user of the suite with the same session.tab does the same on the same hub. The
 * requests each made to its server are counted per class per minute (TrafficComparison): the
 * same classes, each minute within ±20 % of the browser's.
 *
 * <ul>
 *   <li>{@code classic}: Debian's JupyterHub 3.0 with the classic notebook 6.4 (localhub.jupyterhub
 *       = debian: the classic UI exists only there). Minutes start at the notebook's page.
 *   <li>{@code lab}: the default local hub, JupyterHub 6.1.1 with JupyterLab 4.6.6 on
 *       jupyter_server 2.21 (PyPI). Minutes start at JupyterLab's page.
 *   <li>{@code notebook}: the same hub, with Notebook 7.6.5 (record.ui = notebook): the folder
 *       page, New, the notebook in a tab of its own. Minutes start at the notebook's page.
 * </ul>
 *
 * <p>Each takes about three and a half minutes, so they are not part of {@code mvn verify}:
 * {@code mvn verify -Prealism} runs them (.ci/run does). The idle, 170 s, makes the minutes 0 to
 * 2 whole in both journeys: minute 2 (90 to 150 s after the start) holds the autosave, made 120 s
 * after the notebook opened (classic: 120 s after the start; lab: 5 to 6 s after the page plus
 * 120 s); a journey covers minute 2 whole when its stop comes 150 s or more after
 * its start, and the idle alone gives 20 s more than that. (With an idle of exactly 150 s the only
 * margin was the one to three seconds between the notebook page and the idle's start, and one CI
 * run found a side short of minute 2.)
 *
 * <p>The lab's margins: its polls tick every 10 s from 1 to 2 s after the page (the page's files
 * and first calls come first, in the browser and in the suite), so a tick is 1 to 2 s after the
 * windows' edges (30, 90, 150 s) and 8 s before the next; a tick's period stretches by its answer
 * time (a few ms here), which moves the ticks away from the edges they follow. The polls JupyterLab
 * restarts when the notebook opens (the folder) and its kernel starts (kernels, sessions) tick 5
 * to 7 s after the page, both sides clicking the launcher 5 s after it (TabTraffic's
 * LAB_LAUNCHER_GLANCE): 3 s or more from an edge. The suite's user starts once the browser is idle,
 * so that the two do not slow each other's page on a small machine. The suite's run is counted
 * from Gatling's 1 s buckets: a request 1 to 2 s after an edge may be counted at the edge, never
 * before it. The 61 s polls (kernelspecs, the user) tick at 1, 62 and 123 s: one a minute. The
 * comparison table goes to target/realism/comparison-TAB.md.
 *
 * <p>Notebook 7's margins: both sides click New 5 s after the folder page was asked for. The
 * notebook tab's 10 s polls tick from its page's load, 1 to 2 s after the notebook page (the
 * file browser's from the kernel's start, 3 to 5 s after it), its checkpoints every 30 s from 2 s
 * after it (32, 62, 92, 122 s: 2 s after an edge, 28 s before the next), its 61 s polls at 1, 62
 * and 123 s, its autosave at about 122 s. The folder page behind it makes its armed ticks: lists
 * about 5 s after the notebook page (minute 0), the user and kernelspecs about 55 s after it
 * (minute 1, 5 s from its edges). The one count that varies between recordings is the folder
 * page's last kernels tick (5 or 6 in minute 0), within ±20 % either way.
 */
class RealismIT {

  private static final Duration IDLE = Duration.ofSeconds(170);
  private static final Duration LIMIT = Duration.ofMinutes(8);

  @Test
  void aClassicUserSendsWhatChromiumSends() throws Exception {
    compare("classic", "debian");
  }

  @Test
  void aLabUserSendsWhatChromiumSendsToJupyterLab46() throws Exception {
    compare("lab", "6.1.1");
  }

  @Test
  void aNotebookUserSendsWhatChromiumSendsToNotebook7() throws Exception {
    compare("notebook", "6.1.1");
  }

  /**
   * The suite's user starts once the browser sits idle: on two cores, a Gatling JVM starting beside
   * JupyterLab's page made the page take 17 s instead of 5, and the browser click the launcher
   * later than any person would, which moved the phase of the polls JupyterLab restarts then.
   * Bounded by the journey's own bounds (the recorder fails first) and {@link #LIMIT}.
   */
  private static void awaitTheBrowsersIdle(ByteArrayOutputStream recorderOutput, CompletableFuture<Void> recorded)
      throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!recorderOutput.toString(StandardCharsets.UTF_8).contains("  idle for ") && !recorded.isDone()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  /** Chromium with the tab's UI and one virtual user with session.tab = {@code tab}, side by side on one local hub. */
  private static void compare(String tab, String jupyterhub) throws Exception {
    Browser.require("to record a person's journey with");
    String password = "pw-" + LocalHub.randomHex(8);
    String token = LocalHub.randomHex(32);
    Settings settings =
        Settings.from(SettingsSource.merge(SettingsSource.defaults(), Map.of(), Map.of("localhub.jupyterhub", jupyterhub)));
    Path out = Files.createDirectories(ProjectPaths.basedir().resolve("target").resolve("realism"));
    Path recording = out.resolve("recording-" + tab + ".json");
    try (LocalHub hub = LocalHub.start(settings.localHub(), ProjectPaths.localHubWork(), password, password, token)) {
      ByteArrayOutputStream recorderOutput = new ByteArrayOutputStream();
      CompletableFuture<Void> recorded =
          CompletableFuture.runAsync(
              () -> {
                try {
                  TabRecorder.record(settings, hub, tab, IDLE, "realism-browser", recording, new PrintStream(recorderOutput, true, StandardCharsets.UTF_8));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitTheBrowsersIdle(recorderOutput, recorded);
      ForkedGatling.Result run =
          ForkedGatling.simulation("UserJourneySimulation")
              .set("hub.url", hub.url().toString())
              .set("users.prefix", "realism-suite-")
              .set("session.tab", tab)
              .set("load.profile", "spike")
              .set("load.users", "1")
              .set("session.idle.min", IDLE.toSeconds() + "s")
              .set("session.idle.max", IDLE.toSeconds() + "s")
              .env("HUB_PASSWORD", password)
              .run(LIMIT);
      recorded.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, run.exitCode(), run::toString);

      TrafficComparison.Counts browser = TrafficComparison.ofRecording(new ObjectMapper().readTree(recording.toFile()));
      TrafficComparison.Counts suite =
          TrafficComparison.ofRun(RunSummary.read(run.reportDir().resolve(RunSummary.FILE)).requestsPerSecond());
      String table = TrafficComparison.table(browser, suite);
      Files.writeString(
          out.resolve("comparison-" + tab + ".md"), "Browser / suite (" + tab + "), requests to the user's server per minute\n\n" + table);
      System.out.println("RealismIT: " + tab + ", browser / suite per minute\n" + table);
      assertTrue(
          Math.min(browser.wholeMinutes(), suite.wholeMinutes()) >= 2,
          () -> "minutes 0 to 2 compared, but the browser covers minutes 0 to " + browser.wholeMinutes()
              + " and the suite 0 to " + suite.wholeMinutes() + "\n" + table);
      List<String> differences = TrafficComparison.differences(browser, suite);
      assertTrue(differences.isEmpty(), () -> differences + "\n" + table + "\n" + recorderOutput);
    }
  }
}
