package io.hubload.tab;

import io.hubload.config.SessionSettings.Tab;
import java.time.Duration;
import java.util.List;

/**
 * What each kind of browser tab sends on its own, in one place: the facts docs/realism.md gives
 * their sources for. Paths are under the user's server ({@code /user/NAME/}).
 */
public final class TabTraffic {

  /** Report entry of the notebook's autosave (a PUT of the notebook). */
  public static final String AUTOSAVE = "autosave";
  /** Report entry of the classic UI's look at the notebook before it saves it. */
  public static final String AUTOSAVE_CHECK = "autosave check";
  /** Report entry of JupyterLab's save of its workspace (the layout, the file browser's folder). */
  public static final String WORKSPACE_SAVE = "workspace save";
  /** Report entry of JupyterLab's PATCH of the notebook's session after its kernel started. */
  public static final String SESSION_UPDATE = "session update";

  /** lumino's services poll the server's lists every 10 s, specs and the user every 61 s. */
  private static final Duration LAB_LISTS = Duration.ofSeconds(10);
  private static final Duration LAB_SPECS = Duration.ofSeconds(61);
  /** Both UIs autosave a changed notebook every 120 s by default. */
  private static final Duration AUTOSAVE_INTERVAL = Duration.ofSeconds(120);

  /**
   * How long after JupyterLab's page is asked for the person clicks the launcher's notebook card,
   * in the recorder's journey and in the suite's: about when the page has settled (4.5 s in the
   * recording). Fixed on both sides because the polls JupyterLab restarts when the notebook opens
   * and its kernel starts take their phase from that moment, and the comparison's minutes must find
   * them at the same place (RealismIT: 5 to 6 s after the page, 4 s from a minute's edge).
   */
  public static final Duration LAB_LAUNCHER_GLANCE = io.hubload.config.RunBudget.LAB_LAUNCHER_GLANCE;

  /** The workspace JupyterLab saves: {@code lab/api/workspaces/NAME}, its body's metadata id the same. */
  public static final String LAB_WORKSPACE = "lab/api/workspaces/default";
  public static final String LAB_WORKSPACE_BODY = "{\"data\": {}, \"metadata\": {\"id\": \"default\"}}";

  /**
   * JupyterLab 4 as Chromium ran it (JupyterLab 4.6.6 on jupyter_server 2.21, docs/realism.md):
   * one visible tab, the file browser on the home folder. Every list is polled every 10 s, the
   * kernelspecs and the user every 61 s, and the workspace is saved about every 10 s (after each
   * refresh of the file browser). Terminals, the user (jupyter_server 2) and JupyterLab's own
   * APIs are not served everywhere. A changed notebook is saved every 120 s: its model is read
   * before and after the save, then its checkpoints listed.
   */
  static final List<Poll> LAB =
      List.of(
          Poll.of("poll kernels", "api/kernels", LAB_LISTS),
          Poll.of("poll sessions", "api/sessions", LAB_LISTS),
          Poll.optional("poll terminals", "api/terminals", LAB_LISTS),
          Poll.of("poll contents", "api/contents?content=1&hash=0", LAB_LISTS),
          Poll.optional("poll workspaces", "lab/api/workspaces", LAB_LISTS),
          Poll.optionalSave(WORKSPACE_SAVE, LAB_WORKSPACE, LAB_LISTS),
          Poll.of("poll kernelspecs", "api/kernelspecs", LAB_SPECS),
          Poll.optional("poll me", "api/me", LAB_SPECS),
          Poll.autosave(AUTOSAVE_INTERVAL, true, true));

  /**
   * One request a UI makes once, when something happens (its page loads, a notebook opens, a
   * kernel starts). In {@code path}, {@code NOTEBOOK} stands for the notebook's path in the
   * contents API ({@code api/contents/Untitled.ipynb}), {@code SESSION} for its session's
   * ({@code api/sessions/ID}).
   *
   * @param entry its report entry, named as its {@link RequestClass}
   * @param optional whether a server may lack it (a 404 is then OK)
   */
  public record Call(String entry, String method, String path, boolean optional) {

    static Call get(String entry, String path) {
      return new Call(entry, "GET", path, false);
    }

    static Call optional(String entry, String path) {
      return new Call(entry, "GET", path, true);
    }

    /**
     * JupyterLab saving its workspace: a server without JupyterLab (Debian's classic notebook
     * server) answers 404, which leaves the save out, as the workspaces poll is.
     */
    static Call workspaceSave() {
      return new Call(WORKSPACE_SAVE, "PUT", LAB_WORKSPACE, true);
    }
  }

  /**
   * What a UI does when something happens: requests made once, and polls whose timer starts
   * again now (they are asked at once, then an interval after the answer).
   */
  public record Reaction(List<Call> calls, List<String> pollsRestarted) {

    static final Reaction NONE = new Reaction(List.of(), List.of());
  }

  /**
   * JupyterLab's page as it loads, beside the polls' first ticks (which the tab makes): its
   * settings, translations and workspace, and a second look at the user, the kernelspecs and the
   * folder, with two saves of the workspace it restored. Recorded with JupyterLab 4.6.6.
   */
  static final Reaction LAB_PAGE_LOADED =
      new Reaction(
          List.of(
              Call.get("page config", "lab/api/settings"),
              Call.optional("me", "api/me"),
              Call.get("kernelspecs", "api/kernelspecs"),
              Call.get("page config", "lab/api/translations/default"),
              Call.optional("page config", "api/config/jupyterlabapputilsextensionannouncements"),
              Call.optional("page config", "lsp/status"),
              Call.get("page config", "lab/api/translations"),
              Call.get("page config", "lab/api/settings/@jupyterlab/codemirror-extension:plugin"),
              Call.get("page config", "lab/api/build"),
              Call.get("page config", "lab/api/settings/@jupyterlab/docmanager-extension:plugin"),
              Call.get("page config", "lab/api/settings/@jupyterlab/notebook-extension:panel"),
              Call.get("page config", LAB_WORKSPACE),
              Call.get("page config", "lab/api/settings?ids_only=true"),
              Call.workspaceSave(),
              Call.get("folder contents", "api/contents?content=1&hash=0"),
              Call.workspaceSave()),
          List.of());

  /**
   * JupyterLab opening the notebook it made: the model without its content, the export formats
   * (for the menu), the checkpoints three times (the document's widgets each ask), a save of the
   * workspace (a new tab in its layout), and the file browser's refresh, which restarts its poll.
   */
  static final Reaction LAB_NOTEBOOK_OPENED =
      new Reaction(
          List.of(
              Call.get(RequestClass.NOTEBOOK_CHECK, "NOTEBOOK?content=0&hash=0"),
              Call.get("page config", "api/nbconvert"),
              Call.get("checkpoints", "NOTEBOOK/checkpoints"),
              Call.get("checkpoints", "NOTEBOOK/checkpoints"),
              Call.get("checkpoints", "NOTEBOOK/checkpoints"),
              Call.workspaceSave()),
          List.of("poll contents"));

  /**
   * JupyterLab once the notebook's kernel started: the sessions listed twice, the session patched
   * twice (its path and kernel confirmed), the kernelspecs read, and the kernels and sessions
   * polls restarted.
   */
  static final Reaction LAB_KERNEL_STARTED =
      new Reaction(
          List.of(
              Call.get("sessions", "api/sessions"),
              Call.get("sessions", "api/sessions"),
              new Call(SESSION_UPDATE, "PATCH", "SESSION", false),
              new Call(SESSION_UPDATE, "PATCH", "SESSION", false),
              Call.get("kernelspecs", "api/kernelspecs")),
          List.of("poll kernels", "poll sessions"));

  /**
   * The classic notebook UI (notebook 6.4) as recorded with Chromium (docs/realism.md): once both
   * pages have loaded, the notebook's tab polls nothing, and the folder's tab behind it stops
   * refreshing its lists when it loses the focus (tree.js). What is left is the autosave of a
   * changed notebook, which reads the notebook's model first.
   */
  static final List<Poll> CLASSIC = List.of(Poll.autosave(AUTOSAVE_INTERVAL, true, false));

  private TabTraffic() {}

  /** The polls of a tab of this kind; none for {@link Tab#API}. */
  public static List<Poll> polls(Tab tab) {
    return switch (tab) {
      case LAB -> LAB;
      case CLASSIC -> CLASSIC;
      case API -> List.of();
    };
  }

  /** What the tab does when its page has loaded (beside its polls' first ticks). */
  public static Reaction pageLoaded(Tab tab) {
    return tab == Tab.LAB ? LAB_PAGE_LOADED : Reaction.NONE;
  }

  /** What the tab does when the notebook has opened. */
  public static Reaction notebookOpened(Tab tab) {
    return tab == Tab.LAB ? LAB_NOTEBOOK_OPENED : Reaction.NONE;
  }

  /** What the tab does once the notebook's kernel has started. */
  public static Reaction kernelStarted(Tab tab) {
    return tab == Tab.LAB ? LAB_KERNEL_STARTED : Reaction.NONE;
  }

  /** Whether the tab opens jupyter_server's event bus ({@code api/events/subscribe}) when its page loads. */
  public static boolean subscribesToEvents(Tab tab) {
    return tab == Tab.LAB;
  }

  /** The page the person lands on: JupyterLab's {@code lab}, the classic UI's folder page. */
  public static String landingPage(Tab tab) {
    return tab == Tab.LAB ? "lab" : "tree";
  }

  /** Whether the tab speaks JupyterLab's v1 kernel protocol to a server that offers it. */
  public static boolean offersKernelProtocolV1(Tab tab) {
    return tab == Tab.LAB;
  }

  /**
   * The REST calls a classic page's scripts make as it loads, as recorded: each [report entry,
   * path]. The folder page lists the running sessions and terminals (twice) and the folder.
   */
  public static List<String[]> classicPageCalls(String page) {
    return switch (page) {
      case "tree" ->
          List.of(
              new String[] {"page config", "api/config/tree"},
              new String[] {"page config", "api/config/common"},
              new String[] {"terminals", "api/terminals"},
              new String[] {"kernelspecs", "api/kernelspecs"},
              new String[] {"sessions", "api/sessions"},
              new String[] {"terminals", "api/terminals"},
              new String[] {"folder contents", "api/contents?type=directory"});
      case "notebook" ->
          List.of(
              new String[] {"page config", "api/config/notebook"},
              new String[] {"page config", "api/config/common"},
              new String[] {"kernelspecs", "api/kernelspecs"});
      default -> throw new IllegalArgumentException(page);
    };
  }

  /** How a tab reads the notebook it opens, under api/contents/PATH. */
  public static String notebookRead(Tab tab) {
    return tab == Tab.LAB ? "?type=notebook&content=1&hash=1" : "?type=notebook";
  }
}
