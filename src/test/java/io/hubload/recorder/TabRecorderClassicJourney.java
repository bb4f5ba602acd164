package io.hubload.recorder;

import io.hubload.config.Timeouts;
import io.hubload.recorder.CdpConnection.CdpException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The journey with the classic notebook UI (notebook 6.4): the folder page ({@code tree}), its
 * "New" menu, which opens the notebook in a new tab (the folder's tab staying open behind it),
 * and the notebook page's first cell.
 */
final class TabRecorderClassicJourney extends TabRecorderJourney {

  private CdpSession notebook;

  TabRecorderClassicJourney(
      CdpTargets targets, TabRecorderLog log, TabRecorderPaths paths, String kernel, Timeouts timeouts, PrintStream out) {
    super(targets, log, paths, kernel, timeouts, out);
  }

  @Override
  Map<String, String> tabNames() {
    return Map.of(first.targetId(), "tree", notebook.targetId(), "notebook");
  }

  @Override
  List<CdpSession> tabs() {
    return List.of(first, notebook);
  }

  @Override
  void awaitLandingPage() throws CdpException {
    step("wait for the server and its tree page");
    first.waitFor(
        "location.pathname.replace(/\\/$/, '') === " + CdpSession.jsString(paths.userPrefix() + "tree")
            + " && document.readyState === 'complete' && !!(window.IPython && IPython.notebook_list)"
            + " && !!document.querySelector('#kernel-" + kernel + " a')",
        timeouts.spawn(),
        "the server's tree page with its New menu (timeout.spawn)");
    awaitQuiet(first, "the tree page's requests");
    mark("landingLoaded");
    watchFocus(first);
  }

  /**
   * New, then the kernel's entry in its menu, clicked with the mouse: the page's own code opens a
   * tab (window.open), creates the notebook (POST api/contents) and sends the tab to it. The new
   * tab is in front, the tree tab behind it, and told so ({@link #giveTheOpenerItsBlur}) at once,
   * a few seconds after the tree's last refresh, so that the tree page's "focus again" handler
   * does not refresh (it waits 10 s between refreshes).
   */
  @Override
  void openNewNotebook() throws CdpException {
    step("New > " + kernel + " in the tree page");
    Duration bound = timeouts.request();
    first.click("#new-dropdown-button", bound, "the tree page's New button");
    first.click("#kernel-" + kernel + " a", bound, "the New menu's " + kernel + " entry");
    mark("newNotebookClicked");
    notebook = targets.awaitOpenedBy(first, bound, "the tab the New menu opens (timeout.request)");
    giveTheOpenerItsBlur(first, notebook, bound);
    notebook.waitFor(
        "location.pathname.startsWith(" + CdpSession.jsString(paths.userPrefix() + "notebooks/") + ")"
            + " && document.readyState === 'complete'"
            + " && !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded)",
        bound,
        "the new notebook's page (timeout.request)");
    mark("notebookLoaded");
    watchFocus(notebook);
  }

  @Override
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
    checkOutput(
        notebook,
        "(() => { const outs = Jupyter.notebook.get_cell(0).output_area.outputs;"
            + " const e = outs.find(o => o.output_type === 'error');"
            + " if (e) return 'error ' + e.ename + ': ' + e.evalue;"
            + " const r = outs.find(o => o.output_type === 'execute_result');"
            + " return r ? 'result ' + r.data['text/plain'] : null; })()");
  }
}
