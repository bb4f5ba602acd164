package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubload.config.Durations;
import io.hubload.config.Timeouts;
import io.hubload.recorder.CdpConnection.CdpException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's journey in a browser, whatever the UI: log in through the hub's form, wait for the
 * server and the UI's first page, make a new notebook, type code into its first cell, run it with
 * Shift+Enter, check its output, then leave the tabs open and do nothing for a while. What differs
 * between UIs (their pages, buttons, tabs) is in the subclasses: {@link TabRecorderClassicJourney},
 * {@link TabRecorderLabJourney}, {@link TabRecorderNotebookJourney}.
 *
 * <p>Every wait is bounded by a timeout setting: page loads and the kernel by timeout.request,
 * the server's spawn by timeout.spawn, the cell's output by timeout.execute.
 */
abstract class TabRecorderJourney {

  static final String CODE = "5 * 4";
  static final String EXPECTED = "20";
  /** How long a tab must send nothing before its page counts as loaded (no request in flight either). */
  private static final long QUIET_MILLIS = 2000;

  /** The UI a journey goes through: the classic notebook 6, JupyterLab 4, Notebook 7. */
  enum Ui {
    CLASSIC,
    LAB,
    NOTEBOOK
  }

  protected final CdpTargets targets;
  protected final TabRecorderLog log;
  protected final TabRecorderPaths paths;
  protected final String kernel;
  protected final Timeouts timeouts;
  protected final PrintStream out;
  /** The moments of the journey, in ms since its start, in the order they happened. */
  private final Map<String, Long> marks = new LinkedHashMap<>();
  /**
   * Each tab's focus, by target id: whether it had it and was visible when the idle began, and the
   * focus, blur and visibilitychange events its window saw (a page's polls may depend on them).
   */
  private final Map<String, JsonNode> focus = new LinkedHashMap<>();
  /** The first tab: the login, the hub's pages, the UI's first page. */
  protected CdpSession first;

  protected TabRecorderJourney(
      CdpTargets targets, TabRecorderLog log, TabRecorderPaths paths, String kernel, Timeouts timeouts, PrintStream out) {
    this.targets = targets;
    this.log = log;
    this.paths = paths;
    this.kernel = kernel;
    this.timeouts = timeouts;
    this.out = out;
  }

  static TabRecorderJourney of(
      Ui ui, CdpTargets targets, TabRecorderLog log, TabRecorderPaths paths, String kernel, Timeouts timeouts, PrintStream out) {
    return switch (ui) {
      case CLASSIC -> new TabRecorderClassicJourney(targets, log, paths, kernel, timeouts, out);
      case LAB -> new TabRecorderLabJourney(targets, log, paths, kernel, timeouts, out);
      case NOTEBOOK -> new TabRecorderNotebookJourney(targets, log, paths, kernel, timeouts, out);
    };
  }

  /** Step 2: the hub spawns the server; the browser follows it to the UI's first page, loaded and quiet. */
  abstract void awaitLandingPage() throws CdpException;

  /** Step 3: a new notebook, made and opened as the UI's buttons do it. */
  abstract void openNewNotebook() throws CdpException;

  /** Step 4: the kernel connected, the code typed into the first cell, Shift+Enter, the output checked. */
  abstract void runFirstCell() throws CdpException;

  /** The journey's tabs by target id, with the recording's names for them ("tree", "notebook", "lab"). */
  abstract Map<String, String> tabNames();

  /** The journey's tabs, for their focus at the idle's start. */
  abstract List<CdpSession> tabs();

  Map<String, Long> marks() {
    return marks;
  }

  Map<String, JsonNode> focus() {
    return focus;
  }

  /** Opens the first tab (nothing recorded yet: about:blank makes no request). */
  void openBrowserTab() throws CdpException {
    first = targets.newTab(timeouts.request());
    targets.closeOtherTabs(first);
  }

  /** The query of the login page's URL: where the hub sends the browser after it ({@code ?next=}); none by default. */
  protected String afterLogin() {
    return "";
  }

  /** Step 1: the login page, the user's name and password typed in, the form submitted. */
  void logIn(String user, String password) throws CdpException {
    step("log in as " + user);
    first.navigate(paths.hubUrl() + "/hub/login" + afterLogin());
    Duration bound = timeouts.request();
    first.waitFor(
        "document.readyState === 'complete' && !!document.querySelector('#username_input')",
        bound,
        "the hub's login form (timeout.request)");
    first.click("#username_input", bound, "the user name field");
    first.insertText(user);
    first.click("#password_input", bound, "the password field");
    first.insertText(password);
    first.click("#login_submit", bound, "the sign-in button");
    mark("loginSubmitted");
  }

  /**
   * Step 5: nothing done for {@code idle}, the tabs left open; a line a minute says it goes on.
   *
   * @throws CdpException when the browser goes away meanwhile
   */
  void idle(Duration idle, CdpBrowser browser) throws CdpException {
    ObjectNode atStart = focusNow();
    mark("idleStart");
    step("idle for " + Durations.format(idle) + ", tabs open, nothing done");
    long start = log.sinceStart();
    long end = start + idle.toMillis();
    long nextLine = start + 60_000;
    while (log.sinceStart() < end) {
      if (!browser.isAlive()) {
        throw new CdpException("the browser went away during the idle");
      }
      sleep(Math.min(1000, end - log.sinceStart()));
      if (log.sinceStart() >= nextLine && log.sinceStart() < end) {
        long done = (nextLine - start) / 60_000;
        out.printf(
            "tab recorder: idle %d of %s, %d request(s) so far in it%n", done, Durations.format(idle), requestsSince(start));
        nextLine += 60_000;
      }
    }
    mark("journeyEnd");
    collectFocus(atStart);
  }

  /**
   * A desktop browser that brings a new tab to the front fires {@code visibilitychange} and
   * {@code blur} on the tab behind it, and a page may stop its refreshes on them (the classic
   * folder page does on blur; lumino's polls standby when the document is hidden). Headless
   * Chromium (seen with 156) hides the opener and takes its focus without firing either, so the
   * page behind would go on as if someone watched it. A switch to it and straight back, as a
   * person flicking between tabs does, makes the browser fire them; the events the pages saw are
   * in the recording ({@code tabs[].focus}).
   */
  protected void giveTheOpenerItsBlur(CdpSession opener, CdpSession opened, Duration bound) throws CdpException {
    activate(opener);
    opener.waitFor("document.hasFocus()", bound, "the first tab's focus back (timeout.request)");
    activate(opened);
    opener.waitFor(
        "!document.hasFocus() && document.visibilityState === 'hidden'",
        bound,
        "the first tab behind the new one (timeout.request)");
  }

  private void activate(CdpSession tab) throws CdpException {
    targets.cdp().call("Target.activateTarget", CdpConnection.params().put("targetId", tab.targetId()), null);
  }

  /** Waits until {@code what} (a JavaScript expression) gives the output's text, and checks it is {@link #EXPECTED}. */
  protected void checkOutput(CdpSession tab, String outputScript) throws CdpException {
    String output = tab.waitFor(outputScript, timeouts.execute(), "the output of " + CODE + " (timeout.execute)").asText();
    if (!output.equals("result " + EXPECTED)) {
      throw new CdpException(CODE + " gave " + output + ", expected " + EXPECTED);
    }
    mark("outputSeen");
  }

  /**
   * JupyterLab's notebook (and Notebook 7's, built from it): the kernel connected and idle, as a person waits for it, the code typed into the first cell's
   * editor (CodeMirror 6), Shift+Enter, and the first cell's output read from the page. The
   * toolbar's execution indicator says "idle" before the kernel exists, so its websocket's
   * handshake is awaited first, then the indicator, then the page's requests to settle.
   */
  protected void runFirstLabCell(CdpSession tab, String notebookSelector) throws CdpException {
    step("run " + CODE + " in the notebook's first cell");
    String cell = notebookSelector + " .jp-Cell";
    awaitKernelWebsocket(tab);
    tab.waitFor(
        "document.querySelector(" + CdpSession.jsString(notebookSelector + " .jp-Notebook-ExecutionIndicator")
            + ")?.dataset.status === 'idle'",
        timeouts.request(),
        "the notebook's kernel to be idle (timeout.request)");
    awaitQuiet(tab, "the notebook's requests");
    mark("kernelConnected");
    tab.click(cell + " .cm-content", timeouts.request(), "the first cell's editor");
    tab.insertText(CODE);
    String typed = tab.evaluate("document.querySelector(" + CdpSession.jsString(cell + " .cm-content") + ").innerText").asText();
    if (!typed.strip().equals(CODE)) {
      throw new CdpException("typing into the first cell gave " + CdpSession.jsString(typed) + ", not " + CODE);
    }
    tab.pressKey("Enter", 13, 8);
    mark("cellRun");
    checkOutput(
        tab,
        "(() => { const c = document.querySelector(" + CdpSession.jsString(cell) + ");"
            + " const e = c.querySelector('.jp-OutputArea-output[data-mime-type=\"application/vnd.jupyter.stderr\"]');"
            + " if (e) return 'error ' + e.innerText;"
            + " const r = c.querySelector('.jp-OutputArea-executeResult .jp-OutputArea-output');"
            + " return r ? 'result ' + r.innerText.trim() : null; })()");
  }

  /** Until the tab's kernel websocket has been answered 101 (timeout.request). */
  private void awaitKernelWebsocket(CdpSession tab) throws CdpException {
    long deadline = System.nanoTime() + timeouts.request().toNanos();
    while (log.sockets().stream()
        .noneMatch(s -> s.request.sessionId.equals(tab.sessionId()) && s.request.url.contains("/api/kernels/")
            && Integer.valueOf(101).equals(s.request.status))) {
      if (System.nanoTime() > deadline) {
        throw new CdpException("the notebook's kernel websocket: not open within " + timeouts.request().toSeconds() + " s (timeout.request)");
      }
      sleep(100);
    }
  }

  /** Each tab's focus at the idle's start, and the focus events its page saw since it was watched. */
  private void collectFocus(ObjectNode atIdleStart) throws CdpException {
    for (CdpSession tab : tabs()) {
      ObjectNode json = CdpConnection.params();
      json.set("atIdleStart", atIdleStart.get(tab.targetId()));
      json.set("events", tab.evaluate("window.__hubloadFocusEvents || []"));
      focus.put(tab.targetId(), json);
    }
  }

  /**
   * Writes down, in the page, the focus events its window sees from now on, with their time since
   * the journey's start. Only listens: the page's own handlers run as they would without it.
   */
  protected void watchFocus(CdpSession tab) throws CdpException {
    tab.evaluate(
        "(() => { window.__hubloadFocusEvents = []; const start = " + log.startEpochMillis() + ";"
            + " const note = e => window.__hubloadFocusEvents.push({t: Date.now() - start, event: e.type,"
            + " hasFocus: document.hasFocus(), visibilityState: document.visibilityState});"
            + " ['focus', 'blur'].forEach(type => window.addEventListener(type, note));"
            + " document.addEventListener('visibilitychange', note);"
            + " note({type: 'watching'}); })()");
  }

  /** Which tab has the focus and which is visible, now. */
  private ObjectNode focusNow() throws CdpException {
    ObjectNode now = CdpConnection.params();
    for (CdpSession tab : tabs()) {
      now.set(tab.targetId(), tab.evaluate("({hasFocus: document.hasFocus(), visibilityState: document.visibilityState})"));
    }
    return now;
  }

  private long requestsSince(long start) {
    return log.requests().stream().filter(r -> r.t >= start).count();
  }

  protected void awaitQuiet(CdpSession tab, String what) throws CdpException {
    long deadline = System.nanoTime() + timeouts.request().toNanos();
    while (!log.quiet(tab.sessionId(), QUIET_MILLIS)) {
      if (System.nanoTime() > deadline) {
        throw new CdpException(what + ": still going after " + Durations.format(timeouts.request()) + " (timeout.request)");
      }
      sleep(100);
    }
  }

  protected void mark(String name) {
    marks.put(name, log.sinceStart());
  }

  protected void step(String what) {
    out.printf("tab recorder: %6.1f s  %s%n", log.sinceStart() / 1000.0, what);
  }

  protected static void sleep(long millis) throws CdpException {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException("interrupted");
    }
  }
}
