package io.hubload.recorder;

import io.hubload.config.Timeouts;
import io.hubload.recorder.CdpConnection.CdpException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The journey with Notebook 7 (read against 7.6): its folder page ({@code tree}), whose "New"
 * menu's kernel entry makes the notebook and opens it in a new tab ({@code notebooks/PATH}), the
 * folder's tab staying open behind it, as with the classic UI. The notebook page's cells are
 * JupyterLab's ({@link #runFirstLabCell}).
 */
final class TabRecorderNotebookJourney extends TabRecorderJourney {

  private CdpSession notebook;

  TabRecorderNotebookJourney(
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

  /**
   * The server's default page is JupyterLab's when both are installed; a hub whose users get
   * Notebook 7 sends them to {@code tree} (its default URL), as the login's {@code next} does here:
   * through the hub's spawn page (JupyterHub 4 and later do not spawn for {@code /hub/user/...},
   * they offer a button), which sends the browser on to its own {@code next} once the server runs.
   */
  @Override
  protected String afterLogin() {
    String spawn = "/hub/spawn?next=" + encode(paths.userPrefix() + "tree");
    return "?next=" + encode(paths.hubUrl().replaceFirst("^https?://[^/]+", "") + spawn);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  void awaitLandingPage() throws CdpException {
    step("wait for the server and Notebook 7's tree page");
    first.waitFor(
        "location.pathname.startsWith(" + CdpSession.jsString(paths.userPrefix() + "tree") + ")"
            + " && document.readyState === 'complete' && !!document.querySelector('" + NEW_MENU + "')",
        timeouts.spawn(),
        "Notebook 7's tree page with its New menu (timeout.spawn)");
    awaitQuiet(first, "the tree page's requests");
    mark("landingLoaded");
    watchFocus(first);
  }

  private static final String NEW_MENU = ".jp-Toolbar-item[data-jp-item-name=\"new-dropdown\"] .lm-MenuBar-item";

  /** New, then its kernel's notebook entry: the page makes the notebook and opens it in a new tab. */
  @Override
  void openNewNotebook() throws CdpException {
    step("New > Notebook in the tree page");
    Duration bound = timeouts.request();
    first.click(NEW_MENU, bound, "the tree page's New menu");
    first.click(".lm-Menu-item[data-command=\"notebook:create-new\"]", bound, "the New menu's notebook entry");
    mark("newNotebookClicked");
    notebook = targets.awaitOpenedBy(first, bound, "the tab the New menu opens (timeout.request)");
    giveTheOpenerItsBlur(first, notebook, bound);
    notebook.waitFor(
        "location.pathname.startsWith(" + CdpSession.jsString(paths.userPrefix() + "notebooks/") + ")"
            + " && !!document.querySelector('.jp-NotebookPanel .jp-Cell .cm-content')",
        bound,
        "the new notebook's page (timeout.request)");
    mark("notebookLoaded");
    watchFocus(notebook);
  }

  @Override
  void runFirstCell() throws CdpException {
    runFirstLabCell(notebook, ".jp-NotebookPanel");
  }
}
