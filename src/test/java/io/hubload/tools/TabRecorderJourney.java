package io.hubload.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubload.config.Durations;
import io.hubload.config.Timeouts;
import io.hubload.tools.CdpConnection.CdpException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person's journey with the classic notebook UI, in a browser: log in through the hub's form,
 * wait for the server and its tree page, make a notebook with the tree page's "New" menu (which
 * opens it in a new tab, the tree tab staying open behind it), type code into its first cell, run
 * it with Shift+Enter, check its output, then leave both tabs open and do nothing for a while.
 *
 * <p>Every wait is bounded by a timeout setting: page loads and the kernel by timeout.request,
 * the server's spawn by timeout.spawn, the cell's output by timeout.execute.
 */
final class TabRecorderJourney {

  static final String CODE = "5 * 4";
  static final String EXPECTED = "20";
  /** How long a tab must send nothing before its page counts as loaded (no request in flight either). */
  private static final long QUIET_MILLIS = 2000;

  private final CdpTargets targets;
  private final TabRecorderLog log;
  private final TabRecorderPaths paths;
  private final String kernel;
  private final Timeouts timeouts;
  private final PrintStream out;
  /** The moments of the journey, in ms since its start, in the order they happened. */
  private final Map<String, Long> marks = new LinkedHashMap<>();
  /**
   * Each tab's focus, by target id: whether it had it and was visible when the idle began, and the
   * focus, blur and visibilitychange events its window saw (the tree page's refresh depends on them).
   */
  private final Map<String, JsonNode> focus = new LinkedHashMap<>();
  private CdpSession tree;
  private CdpSession notebook;

  TabRecorderJourney(
      CdpTargets targets, TabRecorderLog log, TabRecorderPaths paths, String kernel, Timeouts timeouts, PrintStream out) {
    this.targets = targets;
    this.log = log;
    this.paths = paths;
    this.kernel = kernel;
    this.timeouts = timeouts;
    this.out = out;
  }

  Map<String, Long> marks() {
    return marks;
  }

  Map<String, JsonNode> focus() {
    return focus;
  }

  CdpSession treeTab() {
    return tree;
  }

  CdpSession notebookTab() {
    return notebook;
  }

  /** Opens the first tab (nothing recorded yet: about:blank makes no request). */
  void openBrowserTab() throws CdpException {
    tree = targets.newTab(timeouts.request());
    targets.closeOtherTabs(tree);
  }

  /** Step 1: the login page, the user's name and password typed in, the form submitted. */
  void logIn(String user, String password) throws CdpException {
    step("log in as " + user);
    tree.navigate(paths.hubUrl() + "/hub/login");
    Duration bound = timeouts.request();
    tree.waitFor(
        "document.readyState === 'complete' && !!document.querySelector('#username_input')",
        bound,
        "the hub's login form (timeout.request)");
    tree.click("#username_input", bound, "the user name field");
    tree.insertText(user);
    tree.click("#password_input", bound, "the password field");
    tree.insertText(password);
    tree.click("#login_submit", bound, "the sign-in button");
    mark("loginSubmitted");
  }

  /** Step 2: the hub spawns the server; the browser follows until the tree page has loaded and is quiet. */
  void awaitTreePage() throws CdpException {
    step("wait for the server and its tree page");
    tree.waitFor(
        "location.pathname.replace(/\\/$/, '') === " + CdpSession.jsString(paths.userPrefix() + "tree")
            + " && document.readyState === 'complete' && !!(window.IPython && IPython.notebook_list)"
            + " && !!document.querySelector('#kernel-" + kernel + " a')",
        timeouts.spawn(),
        "the server's tree page with its New menu (timeout.spawn)");
    awaitQuiet(tree, "the tree page's requests");
    mark("treeLoaded");
    watchFocus(tree);
  }

  /**
   * Step 3: New, then the kernel's entry in its menu, clicked with the mouse: the page's own code
   * opens a tab (window.open), creates the notebook (POST api/contents) and sends the tab to it.
   * The new tab is in front, the tree tab behind it ({@link #giveTheTreeItsBlur}).
   */
  void openNewNotebook() throws CdpException {
    step("New > " + kernel + " in the tree page");
    Duration bound = timeouts.request();
    tree.click("#new-dropdown-button", bound, "the tree page's New button");
    tree.click("#kernel-" + kernel + " a", bound, "the New menu's " + kernel + " entry");
    mark("newNotebookClicked");
    notebook = targets.awaitOpenedBy(tree, bound, "the tab the New menu opens (timeout.request)");
    giveTheTreeItsBlur(bound);
    notebook.waitFor(
        "location.pathname.startsWith(" + CdpSession.jsString(paths.userPrefix() + "notebooks/") + ")"
            + " && document.readyState === 'complete'"
            + " && !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded)",
        bound,
        "the new notebook's page (timeout.request)");
    mark("notebookLoaded");
    watchFocus(notebook);
  }

  /**
   * A desktop browser that brings a new tab to the front fires {@code visibilitychange} and
   * {@code blur} on the tab behind it, and the tree page stops its 60 s refresh on that blur.
   * Headless Chromium (seen with 156) hides the opener and takes its focus without firing either,
   * so the tree page would go on refreshing as if someone watched it. A switch to the tree tab and
   * straight back, as a person flicking between tabs does, makes the browser fire them. It is done
   * at once, a few seconds after the tree's last refresh, so that the tree page's "focus again"
   * handler does not refresh (it waits 10 s between refreshes); the events the pages saw are in
   * the recording ({@code tabs[].focus}).
   */
  private void giveTheTreeItsBlur(Duration bound) throws CdpException {
    activate(tree);
    tree.waitFor("document.hasFocus()", bound, "the tree tab's focus back (timeout.request)");
    activate(notebook);
    tree.waitFor(
        "!document.hasFocus() && document.visibilityState === 'hidden'",
        bound,
        "the tree tab behind the new one (timeout.request)");
  }

  private void activate(CdpSession tab) throws CdpException {
    targets.cdp().call("Target.activateTarget", CdpConnection.params().put("targetId", tab.targetId()), null);
  }

  /** Step 4: the kernel connected, the code typed into the first cell, Shift+Enter, the output checked. */
  void runFirstCell() throws CdpException {
    step("run " + CODE + " in the notebook's first cell");
    notebook.waitFor(
        "!!(Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())",
        timeouts.request(),
        "the notebook's kernel to be connected (timeout.request)");
    mark("kernelConnected");
    notebook.click(".cell .CodeMirror", timeouts.request(), "the first cell's editor");
    notebook.insertText(CODE);
    String typed = notebook.evaluate("Jupyter.notebook.get_cell(0).get_text()").asText();
    if (!typed.equals(CODE)) {
      throw new CdpException("typing into the first cell gave " + CdpSession.jsString(typed) + ", not " + CODE);
    }
    notebook.pressKey("Enter", 13, 8);
    mark("cellRun");
    String output =
        notebook
            .waitFor(
                "(() => { const outs = Jupyter.notebook.get_cell(0).output_area.outputs;"
                    + " const e = outs.find(o => o.output_type === 'error');"
                    + " if (e) return 'error ' + e.ename + ': ' + e.evalue;"
                    + " const r = outs.find(o => o.output_type === 'execute_result');"
                    + " return r ? 'result ' + r.data['text/plain'] : null; })()",
                timeouts.execute(),
                "the output of " + CODE + " (timeout.execute)")
            .asText();
    if (!output.equals("result " + EXPECTED)) {
      throw new CdpException(CODE + " gave " + output + ", expected " + EXPECTED);
    }
    mark("outputSeen");
  }

  /**
   * Step 5: nothing done for {@code idle}, both tabs left open; a line a minute says it goes on.
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

  /** Each tab's focus at the idle's start, and the focus events its page saw since it was watched. */
  private void collectFocus(ObjectNode atIdleStart) throws CdpException {
    for (CdpSession tab : new CdpSession[] {tree, notebook}) {
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
  private void watchFocus(CdpSession tab) throws CdpException {
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
    for (CdpSession tab : new CdpSession[] {tree, notebook}) {
      now.set(tab.targetId(), tab.evaluate("({hasFocus: document.hasFocus(), visibilityState: document.visibilityState})"));
    }
    return now;
  }

  private long requestsSince(long start) {
    return log.requests().stream().filter(r -> r.t >= start).count();
  }

  private void awaitQuiet(CdpSession tab, String what) throws CdpException {
    long deadline = System.nanoTime() + timeouts.request().toNanos();
    while (!log.quiet(tab.sessionId(), QUIET_MILLIS)) {
      if (System.nanoTime() > deadline) {
        throw new CdpException(what + ": still going after " + Durations.format(timeouts.request()) + " (timeout.request)");
      }
      sleep(100);
    }
  }

  private void mark(String name) {
    marks.put(name, log.sinceStart());
  }

  private void step(String what) {
    out.printf("tab recorder: %6.1f s  %s%n", log.sinceStart() / 1000.0, what);
  }

  private static void sleep(long millis) throws CdpException {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException("interrupted");
    }
  }
}
