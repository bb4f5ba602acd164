package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.http.HttpDsl.currentLocation;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hubapi.SessionKeys.USER;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.config.SessionSettings.Tab;
import io.hubload.journey.tab.RecordedFiles;
import io.hubload.journey.tab.TabNotes;
import io.hubload.journey.tab.TabTraffic;
import io.hubload.journey.tab.PageFiles;
import io.hubload.journey.tab.TabRequests;

/**
 * Step "open server" (no tab) or "page open" (a tab): the browser follows the hub to the user's
 * own server. The first visit goes through the hub's OAuth provider and back (a few redirects),
 * which leaves the user with its server's cookies, {@code _xsrf} among them.
 *
 * <p>A tab lands on its UI's page (JupyterLab's {@code lab}, the folder page {@code tree} of the
 * classic UI and Notebook 7) and loads the static files Chromium loaded with it (recorded:
 * tabs/lab-files.json, tabs/classic-files.json, tabs/notebook-files.json),
 * as a browser with an empty cache: the step's entry is the whole, its files are "page asset"
 * entries. A server that serves no {@code lab} page (a classic notebook server) is said once, and
 * the tab opens the server's {@code tree} instead. Then the tab's own traffic starts.
 */
public final class OpenServer {

  public static final String STEP = "open server";
  /** The step's name for a user with a tab. */
  public static final String PAGE_OPEN = "page open";
  private static final String LANDED = "hubload.landedStatus";
  /** When the person may click JupyterLab's launcher (epoch ms): its page's start plus the glance. */
  private static final String LAUNCHER_CLICK = "hubload.launcherClick";

  private OpenServer() {}

  public static ChainBuilder step(HubContext context) {
    return switch (context.settings().session().tab()) {
      case API -> group(STEP).on(land(context, context.urls().serverHome(), 200));
      case CLASSIC ->
          pageOpen(
              context,
              exec(land(context, PageFiles.loadedWith(context.urls().onServer(TabTraffic.landingPage(Tab.CLASSIC)), RecordedFiles.CLASSIC, "tree", context), 200))
                  .exec(PageFiles.calls(context, "tree")));
      case NOTEBOOK ->
          // The person looks at the folder page before clicking New (as at JupyterLab's launcher).
          exec(session -> session.set(LAUNCHER_CLICK, System.currentTimeMillis() + TabTraffic.LAB_LAUNCHER_GLANCE.toMillis()))
              .exec(
                  pageOpen(
                      context,
                      exec(land(context, PageFiles.loadedWith(context.urls().onServer(TabTraffic.landingPage(Tab.NOTEBOOK)), RecordedFiles.NOTEBOOK, "tree", context), 200))
                          .exec(TabRequests.pageLoaded(context))))
              .exec(TabRequests.idleUntil(context, LAUNCHER_CLICK))
              .exec(session -> session.remove(LAUNCHER_CLICK));
      case LAB ->
          exec(session -> session.set(LAUNCHER_CLICK, System.currentTimeMillis() + TabTraffic.LAB_LAUNCHER_GLANCE.toMillis()))
              .exec(pageOpen(context, labOrTree(context)))
              // The person looks at the launcher before clicking it; the tab's polls go on meanwhile.
              .exec(TabRequests.idleUntil(context, LAUNCHER_CLICK))
              .exec(session -> session.remove(LAUNCHER_CLICK));
    };
  }

  /** The page's requests as the step "page open"; then the tab is open and its polls start. */
  private static ChainBuilder pageOpen(HubContext context, ChainBuilder open) {
    return group(PAGE_OPEN).on(open.exec(session -> session.remove(LANDED))).exec(TabRequests.open(context));
  }

  /**
   * JupyterLab's page, or the server's folder page when it serves no JupyterLab: said once, and
   * after the first 404 of the run, the later tabs go to the folder page at once. JupyterLab's
   * page then loads the files Chromium loaded (tabs/lab-files.json, its webpack chunks among
   * them), and what its scripts read as they start (TabRequests.pageLoaded).
   */
  private static ChainBuilder labOrTree(HubContext context) {
    String lab = "GET " + TabTraffic.landingPage(Tab.LAB);
    ChainBuilder tree = land(context, context.urls().serverHome(), 200);
    return doIfOrElse(session -> TabNotes.isNotServed(lab))
        .then(tree)
        .orElse(
            land(context, context.urls().onServer(TabTraffic.landingPage(Tab.LAB)), 200, 404)
                .doIfOrElse(session -> session.contains(LANDED) && session.getInt(LANDED) == 404)
                .then(
                    exec(session -> {
                          TabNotes.notServed(lab, "every user's tab opens tree instead", System.out);
                          return session;
                        })
                        .exec(tree))
                .orElse(exec(PageFiles.afterPage(RecordedFiles.LAB, "lab", context)).exec(TabRequests.pageLoaded(context))));
  }

  /** The navigation to a page of the user's server, through the hub's OAuth on the first visit. */
  private static ChainBuilder land(HubContext context, String path, Integer... accepted) {
    return land(context, http("server home").get(path), accepted);
  }

  private static ChainBuilder land(HubContext context, HttpRequestActionBuilder page, Integer... accepted) {
    HttpRequestActionBuilder request =
        context.pageFromHubHome(page)
            .check(
                HubOutage.answered(),
                ServerAnswers.status(accepted),
                status().saveAs(LANDED),
                currentLocation()
                    .transformWithSession((location, session) -> location.contains("/user/" + session.getString(USER) + "/"))
                    .is(true)
                    .name("landed on the user's server"));
    return HubOutage.retried(request, context.timeouts().hubUnreachable());
  }
}
