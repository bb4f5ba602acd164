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

  /** lumino's services poll the server's lists every 10 s, specs and the user every 61 s. */
  private static final Duration LAB_LISTS = Duration.ofSeconds(10);
  private static final Duration LAB_SPECS = Duration.ofSeconds(61);
  /** Both UIs autosave a changed notebook every 120 s by default. */
  private static final Duration AUTOSAVE_INTERVAL = Duration.ofSeconds(120);

  /**
   * JupyterLab 4 (@jupyterlab/services, @jupyterlab/filebrowser, 4.0 to 4.4): one visible tab. The
   * file browser shows the home folder. Terminals, the user (jupyter_server 2) and workspaces
   * (JupyterLab 4.2) are not served everywhere.
   */
  static final List<Poll> LAB =
      List.of(
          Poll.of("poll kernels", "api/kernels", LAB_LISTS),
          Poll.of("poll sessions", "api/sessions", LAB_LISTS),
          Poll.optional("poll terminals", "api/terminals", LAB_LISTS),
          Poll.of("poll contents", "api/contents?content=1", LAB_LISTS),
          Poll.optional("poll workspaces", "lab/api/workspaces", LAB_LISTS),
          Poll.of("poll kernelspecs", "api/kernelspecs", LAB_SPECS),
          Poll.optional("poll me", "api/me", LAB_SPECS),
          Poll.autosave(AUTOSAVE_INTERVAL, false));

  /**
   * The classic notebook UI (notebook 6.4) as recorded with Chromium (docs/realism.md): once both
   * pages have loaded, the notebook's tab polls nothing, and the folder's tab behind it stops
   * refreshing its lists when it loses the focus (tree.js). What is left is the autosave of a
   * changed notebook, which reads the notebook's model first.
   */
  static final List<Poll> CLASSIC = List.of(Poll.autosave(AUTOSAVE_INTERVAL, true));

  private TabTraffic() {}

  /** The polls of a tab of this kind; none for {@link Tab#API}. */
  public static List<Poll> polls(Tab tab) {
    return switch (tab) {
      case LAB -> LAB;
      case CLASSIC -> CLASSIC;
      case API -> List.of();
    };
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
    return tab == Tab.LAB ? "?type=notebook&content=1" : "?type=notebook";
  }
}
