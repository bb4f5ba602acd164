package io.hubload.journey;

import io.hubload.hubapi.SessionKeys;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.hubload.hubapi.SessionKeys.NOTEBOOK_PATH;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.config.SessionSettings.Tab;
import io.hubload.jupyter.NotebookModel;
import io.hubload.journey.tab.RecordedFiles;
import io.hubload.journey.tab.TabTraffic;
import io.hubload.journey.tab.PageFiles;
import io.hubload.journey.tab.TabRequests;

/**
 * Step "open notebook" (users with a tab): the person makes a new notebook and opens it, as the
 * UI's "New notebook" does: POST /api/contents makes Untitled.ipynb (or Untitled1...), and the UI
 * reads it. The classic UI opens it as a page of its own (notebooks/PATH, with its static files);
 * Notebook 7's folder page opens it as a document first (its checkpoints, a first save), then as a
 * page of its own, with its files, its calls and its event bus;
 * JupyterLab opens it inside the page it has. At the end of the visit the suite deletes it, which a
 * person would not do, so that load tests do not fill the users' home folders.
 */
public final class OpenNotebook {

  public static final String STEP = "open notebook";

  private OpenNotebook() {}

  public static ChainBuilder step(HubContext context) {
    ChainBuilder open =
        exec(context.api(http("notebook new").post(context.urls().onServer("api/contents")))
                .body(StringBody(NotebookModel.NEW))
                .asJson()
                .check(ServerAnswers.status(201), jsonPath("$.path").saveAs(NOTEBOOK_PATH)));
    Tab tab = context.settings().session().tab();
    String kernel = context.settings().execute().kernel();
    if (tab == Tab.CLASSIC) {
      // The "New" menu opens notebooks/PATH?kernel_name=KERNEL in a tab of its own.
      HttpRequestActionBuilder page =
          http("notebook page").get(context.urls().onServer("notebooks/" + SessionKeys.el(NOTEBOOK_PATH) + "?kernel_name=" + kernel));
      open =
          open.exec(context.page(PageFiles.withFiles(page, "notebook", context)).check(ServerAnswers.status(200)))
              .exec(PageFiles.calls(context, "notebook"));
    }
    open =
        open.exec(
            context.api(http("notebook read").get(context.urls().notebook() + TabTraffic.notebookRead(tab)))
                .check(ServerAnswers.status(200)));
    if (tab == Tab.CLASSIC) {
      open = open.exec(context.api(http("checkpoints").get(context.urls().notebook() + "/checkpoints")).check(ServerAnswers.status(200)));
    }
    if (tab == Tab.NOTEBOOK) {
      // The folder page opens the notebook as a document first, then notebooks/PATH in a tab of its own.
      HttpRequestActionBuilder page = http("notebook page").get(context.urls().onServer("notebooks/" + SessionKeys.el(NOTEBOOK_PATH)));
      open =
          open.exec(TabRequests.notebookMadeByFolder(context))
              .exec(context.page(PageFiles.withFiles(page, RecordedFiles.NOTEBOOK, "notebook", context)).check(ServerAnswers.status(200)))
              .exec(TabRequests.notebookPageLoaded(context));
    }
    return group(STEP).on(open).exec(TabRequests.notebookOpened(context));
  }

  /** Deletes the notebook the user made, if it made one. */
  static ChainBuilder delete(HubContext context) {
    return exec(session -> session)
        .doIf(session -> session.contains(NOTEBOOK_PATH))
        .then(
            exec(context.api(http("notebook delete").delete(context.urls().notebook())).check(ServerAnswers.status(204)))
                .exec(session -> session.remove(NOTEBOOK_PATH)));
  }
}
