package io.hubload.journey.tab;

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
  public record Reaction(List<Call> calls, List<String> pollsRestarted, List<String> hiddenPollsRestarted) {

    static final Reaction NONE = new Reaction(List.of(), List.of());

    /** A reaction of a UI with one tab (or whose hidden tab does nothing). */
    Reaction(List<Call> calls, List<String> pollsRestarted) {
      this(calls, pollsRestarted, List.of());
    }
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


  /** Notebook 7's "last saved" in the notebook's header: the checkpoints listed every 30 s. */
  private static final Duration NOTEBOOK_CHECKPOINTS = Duration.ofSeconds(30);

  /**
   * Notebook 7's folder page ({@code tree}) as Chromium ran it (Notebook 7.6.5 on jupyter_server
   * 2.21, docs/realism.md): JupyterLab's lists every 10 s and specs and user every 61 s, without
   * its workspaces. Once the notebook's tab is in front, these stand by (lumino's polls in a hidden
   * tab): each makes the tick it had armed, then nothing.
   */
  static final List<Poll> NOTEBOOK_FOLDER =
      List.of(
          Poll.of("poll kernels", "api/kernels", LAB_LISTS),
          Poll.of("poll sessions", "api/sessions", LAB_LISTS),
          Poll.optional("poll terminals", "api/terminals", LAB_LISTS),
          Poll.of("poll contents", "api/contents?content=1&hash=0", LAB_LISTS),
          Poll.of("poll kernelspecs", "api/kernelspecs", LAB_SPECS),
          Poll.optional("poll me", "api/me", LAB_SPECS));

  /**
   * Notebook 7's notebook page, in front for the rest of the visit: the folder page's polls (its
   * file browser's too, though hidden in a side panel), the notebook's checkpoints every 30 s, and
   * the autosave of a changed notebook every 120 s, its model read before and after, then its
   * checkpoints listed twice and the folder refreshed ({@link #afterAutosave}).
   */
  static final List<Poll> NOTEBOOK_PAGE =
      List.of(
          Poll.of("poll kernels", "api/kernels", LAB_LISTS),
          Poll.of("poll sessions", "api/sessions", LAB_LISTS),
          Poll.optional("poll terminals", "api/terminals", LAB_LISTS),
          Poll.of("poll contents", "api/contents?content=1&hash=0", LAB_LISTS),
          Poll.of("poll checkpoints", "NOTEBOOK/checkpoints", NOTEBOOK_CHECKPOINTS),
          Poll.of("poll kernelspecs", "api/kernelspecs", LAB_SPECS),
          Poll.optional("poll me", "api/me", LAB_SPECS),
          Poll.autosave(AUTOSAVE_INTERVAL, true, true));

  /** The settings each Notebook 7 page reads as it starts, beside its plugins' own. */
  private static List<Call> notebook7Settings(List<String> plugins) {
    List<Call> calls = new java.util.ArrayList<>();
    calls.add(Call.get("page config", "lab/api/settings"));
    calls.add(Call.optional("me", "api/me"));
    calls.add(Call.get("kernelspecs", "api/kernelspecs"));
    calls.add(Call.get("page config", "lab/api/translations/default"));
    calls.add(Call.optional("page config", "lsp/status"));
    calls.add(Call.get("page config", "lab/api/translations"));
    calls.add(Call.get("page config", "lab/api/settings?ids_only=true"));
    for (String plugin : plugins) {
      calls.add(Call.get("page config", "lab/api/settings/" + plugin));
    }
    return List.copyOf(calls);
  }

  /**
   * Notebook 7's folder page as it loads, beside its polls' first ticks: its settings (the list
   * read twice, 14 plugins'), translations, the user, kernelspecs and folder a second time.
   * Recorded with Notebook 7.6.5.
   */
  static final Reaction NOTEBOOK_FOLDER_LOADED =
      new Reaction(
          java.util.stream.Stream.concat(
                  notebook7Settings(
                      List.of(
                          "@jupyterlab/application-extension:shell",
                          "@jupyterlab/codemirror-extension:plugin",
                          "@jupyterlab/notebook-extension:panel",
                          "@jupyterlab/application-extension:context-menu",
                          "@jupyterlab/tooltip-extension:notebooks",
                          "@jupyterlab/tooltip-extension:consoles",
                          "@jupyterlab/toc-extension:registry",
                          "@jupyterlab/notebook-extension:tools",
                          "@jupyterlab/notebook-extension:completer",
                          "@jupyterlab/metadataform-extension:metadataforms",
                          "@jupyterlab/markdownviewer-extension:plugin",
                          "@jupyterlab/logconsole-extension:plugin",
                          "@jupyterlab/fileeditor-extension:completer",
                          "@jupyterlab/debugger-extension:main",
                          "@jupyterlab/celltags-extension:plugin"))
                      .stream(),
                  java.util.stream.Stream.of(
                      Call.get("page config", "lab/api/settings"), Call.get("folder contents", "api/contents?content=1&hash=0")))
              .toList(),
          List.of());

  /**
   * What Notebook 7's folder page does with the notebook its New menu made, before the notebook's
   * own tab has loaded (the read itself is OpenNotebook's): it opens it as a document of its own,
   * checking the model, listing its checkpoints, refreshing the folder and the sessions, and saves
   * it once (the kernel's name in its metadata; an "autosave" entry, as it is that PUT).
   */
  public static final List<Call> NOTEBOOK_MADE_BY_FOLDER =
      List.of(
          Call.get(RequestClass.NOTEBOOK_CHECK, "NOTEBOOK?content=0&hash=0"),
          Call.get("folder contents", "api/contents?content=1&hash=0"),
          Call.get("page config", "api/nbconvert"),
          Call.get("checkpoints", "NOTEBOOK/checkpoints"),
          Call.get("checkpoints", "NOTEBOOK/checkpoints"),
          Call.get("checkpoints", "NOTEBOOK/checkpoints"),
          Call.get(RequestClass.NOTEBOOK_CHECK, "NOTEBOOK?content=0&hash=1"),
          Call.get("sessions", "api/sessions"),
          new Call(AUTOSAVE, "PUT", "NOTEBOOK", false),
          Call.get(RequestClass.NOTEBOOK_CHECK, "NOTEBOOK?content=0&hash=1"),
          Call.get("folder contents", "api/contents?content=1&hash=0"),
          Call.get("sessions", "api/sessions"),
          Call.get("checkpoints", "NOTEBOOK/checkpoints"));

  /**
   * Notebook 7's notebook page as it loads, beside its polls' first ticks (its checkpoints' among
   * them): its settings (2 plugins'), translations, the export formats, the notebook read again,
   * its checkpoints four times more.
   */
  public static final List<Call> NOTEBOOK_PAGE_LOADED =
      java.util.stream.Stream.concat(
              notebook7Settings(List.of("@jupyterlab/codemirror-extension:plugin", "@jupyterlab/notebook-extension:panel")).stream(),
              java.util.stream.Stream.of(
                  Call.get("page config", "api/nbconvert"),
                  Call.get("notebook read", "NOTEBOOK?type=notebook&content=1&hash=1"),
                  Call.get("checkpoints", "NOTEBOOK/checkpoints"),
                  Call.get("checkpoints", "NOTEBOOK/checkpoints"),
                  Call.get("checkpoints", "NOTEBOOK/checkpoints"),
                  Call.get("checkpoints", "NOTEBOOK/checkpoints")))
          .toList();

  /**
   * Notebook 7 once the notebook's kernel started (in the browser, the folder's page starts it, as
   * the document it opened first): the session patched twice, the sessions and kernelspecs read by
   * the notebook's page; the hidden folder's page refreshes its kernels and sessions (their last
   * ticks), and the notebook's file browser refreshes (about when its first cell runs).
   */
  static final Reaction NOTEBOOK_KERNEL_STARTED =
      new Reaction(
          List.of(
              new Call(SESSION_UPDATE, "PATCH", "SESSION", false),
              new Call(SESSION_UPDATE, "PATCH", "SESSION", false),
              Call.get("sessions", "api/sessions"),
              Call.get("kernelspecs", "api/kernelspecs")),
          List.of("poll contents"),
          List.of("poll kernels", "poll sessions"));

  /** JupyterLab 4.6 after an autosave: the model read again, the checkpoints listed. */
  static final Reaction LAB_AUTOSAVED =
      new Reaction(
          List.of(
              new Call(AUTOSAVE_CHECK, "GET", "NOTEBOOK?content=0&hash=1", false),
              new Call("checkpoints", "GET", "NOTEBOOK/checkpoints", false)),
          List.of());

  /** Notebook 7 after an autosave: the model read again, the checkpoints listed twice, the folder refreshed. */
  static final Reaction NOTEBOOK_AUTOSAVED =
      new Reaction(
          List.of(
              new Call(AUTOSAVE_CHECK, "GET", "NOTEBOOK?content=0&hash=1", false),
              new Call("checkpoints", "GET", "NOTEBOOK/checkpoints", false),
              new Call("checkpoints", "GET", "NOTEBOOK/checkpoints", false)),
          List.of("poll contents"));

  /**
   * The classic notebook UI (notebook 6.4) as recorded with Chromium (docs/realism.md): once both
   * pages have loaded, the notebook's tab polls nothing, and the folder's tab behind it stops
   * refreshing its lists when it loses the focus (tree.js). What is left is the autosave of a
   * changed notebook, which reads the notebook's model first.
   */
  static final List<Poll> CLASSIC = List.of(Poll.autosave(AUTOSAVE_INTERVAL, true, false));

  private TabTraffic() {}

  /** The polls of a tab of this kind, from its first page on; none for {@link Tab#API}. */
  public static List<Poll> polls(Tab tab) {
    return switch (tab) {
      case LAB -> LAB;
      case NOTEBOOK -> NOTEBOOK_FOLDER;
      case CLASSIC -> CLASSIC;
      case API -> List.of();
    };
  }

  /**
   * The polls of the notebook's own tab, for a UI that opens it in one and whose first page then
   * stands by behind it (Notebook 7); empty for the others (the classic notebook's tab polls
   * nothing but its autosave, which the folder page's schedule keeps).
   */
  public static List<Poll> notebookTabPolls(Tab tab) {
    return tab == Tab.NOTEBOOK ? NOTEBOOK_PAGE : List.of();
  }

  /** What follows an autosave that reads its notebook back. */
  public static Reaction afterAutosave(Tab tab) {
    return tab == Tab.NOTEBOOK ? NOTEBOOK_AUTOSAVED : LAB_AUTOSAVED;
  }

  /** What the tab does when its page has loaded (beside its polls' first ticks). */
  public static Reaction pageLoaded(Tab tab) {
    return switch (tab) {
      case LAB -> LAB_PAGE_LOADED;
      case NOTEBOOK -> NOTEBOOK_FOLDER_LOADED;
      default -> Reaction.NONE;
    };
  }

  /** What the tab does when the notebook has opened. */
  public static Reaction notebookOpened(Tab tab) {
    return tab == Tab.LAB ? LAB_NOTEBOOK_OPENED : Reaction.NONE;
  }

  /** What the tab does once the notebook's kernel has started. */
  public static Reaction kernelStarted(Tab tab) {
    return switch (tab) {
      case LAB -> LAB_KERNEL_STARTED;
      case NOTEBOOK -> NOTEBOOK_KERNEL_STARTED;
      default -> Reaction.NONE;
    };
  }

  /**
   * Whether the tab opens jupyter_server's event bus ({@code api/events/subscribe}) when its page
   * loads (each of Notebook 7's two pages holds one).
   */
  public static boolean subscribesToEvents(Tab tab) {
    return tab == Tab.LAB || tab == Tab.NOTEBOOK;
  }

  /** The page the person lands on: JupyterLab's {@code lab}, the folder page (classic, Notebook 7). */
  public static String landingPage(Tab tab) {
    return tab == Tab.LAB ? "lab" : "tree";
  }

  /** Whether the tab speaks JupyterLab's v1 kernel protocol to a server that offers it. */
  public static boolean offersKernelProtocolV1(Tab tab) {
    return tab == Tab.LAB || tab == Tab.NOTEBOOK;
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
    return tab == Tab.LAB || tab == Tab.NOTEBOOK ? "?type=notebook&content=1&hash=1" : "?type=notebook";
  }
}
