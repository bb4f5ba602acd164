package io.hubload.recorder;

import io.hubload.config.Timeouts;
import io.hubload.journey.tab.TabTraffic;
import io.hubload.recorder.CdpConnection.CdpException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The journey with JupyterLab 4 (read against 4.6): its page ({@code lab}) in one tab, a new
 * notebook from the launcher's card of the kernel (JupyterLab makes the notebook, opens it in the
 * same page and starts its kernel), the code typed into the notebook's first cell. The notebook's
 * cells and toolbar are JupyterLab's, and Notebook 7's too ({@link #runFirstLabCell}).
 */
final class TabRecorderLabJourney extends TabRecorderJourney {

  /** The notebook in front: JupyterLab hides the others with lm-mod-hidden. */
  static final String CURRENT_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)";

  TabRecorderLabJourney(
      CdpTargets targets, TabRecorderLog log, TabRecorderPaths paths, String kernel, Timeouts timeouts, PrintStream out) {
    super(targets, log, paths, kernel, timeouts, out);
  }

  @Override
  Map<String, String> tabNames() {
    return Map.of(first.targetId(), "lab");
  }

  @Override
  List<CdpSession> tabs() {
    return List.of(first);
  }

  /**
   * The lab page once its launcher shows the kernel's notebook card, then until {@link
   * TabTraffic#LAB_LAUNCHER_GLANCE} after the page was asked for, as the suite's users wait (said
   * when the page took longer).
   */
  @Override
  void awaitLandingPage() throws CdpException {
    step("wait for the server and JupyterLab");
    first.waitFor(
        "location.pathname.startsWith(" + CdpSession.jsString(paths.userPrefix() + "lab") + ")"
            + " && document.readyState === 'complete'"
            + " && !!document.querySelector('.jp-Launcher .jp-LauncherCard[data-category=\"Notebook\"]')",
        timeouts.spawn(),
        "JupyterLab's launcher with a notebook card (timeout.spawn)");
    long page =
        log.requests().stream()
            .filter(r -> r.sessionId.equals(first.sessionId()) && r.type.equals("Document") && Integer.valueOf(200).equals(r.status)
                && paths.name(r.url, false).equals("lab"))
            .mapToLong(r -> r.t)
            .findFirst()
            .orElse(log.sinceStart());
    long click = page + TabTraffic.LAB_LAUNCHER_GLANCE.toMillis();
    if (log.sinceStart() > click) {
      out.printf("tab recorder: JupyterLab's launcher came %.1f s after its page, later than the suite's users click it%n", (log.sinceStart() - page) / 1000.0);
    }
    sleep(click - log.sinceStart());
    mark("landingLoaded");
    watchFocus(first);
  }

  /** The launcher's notebook card, clicked: the notebook opens in the same page, in a tab of JupyterLab's. */
  @Override
  void openNewNotebook() throws CdpException {
    step("the launcher's notebook card (" + kernel + ")");
    Duration bound = timeouts.request();
    first.click(".jp-Launcher .jp-LauncherCard[data-category=\"Notebook\"]", bound, "the launcher's notebook card");
    mark("newNotebookClicked");
    first.waitFor(
        "!!document.querySelector(" + CdpSession.jsString(CURRENT_NOTEBOOK + " .jp-Cell .cm-content") + ")",
        bound,
        "the new notebook in JupyterLab (timeout.request)");
    mark("notebookLoaded");
  }

  @Override
  void runFirstCell() throws CdpException {
    runFirstLabCell(first, CURRENT_NOTEBOOK);
  }
}
