package io.hubload.journey.tab;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;
import io.hubload.journey.HubContext;
import io.hubload.journey.ServerAnswers;

/**
 * A UI's page as a browser with an empty cache loads it: the page, then its static files in
 * parallel (Gatling's resources: at most 6 at a time per host, as a browser), as Chromium loaded
 * them (its scripts' files too, which no HTML parser finds: require.js modules, MathJax, webpack
 * chunks; see {@link RecordedFiles}), then, for the classic UI, the REST calls its scripts make.
 * Each file is a "page asset" entry.
 */
public final class PageFiles {

  /** The entry of each static file a page references (see HubSimulation's protocol). */
  public static final String PAGE_ASSET = "page asset";

  private PageFiles() {}

  /** The page's request ("server home" for the folder page) with the page's files. */
  public static HttpRequestActionBuilder loadedWith(String pagePath, RecordedFiles ui, String page, HubContext context) {
    return http("server home").get(pagePath).resources(files(ui, page, context));
  }

  /** Any page request with the files of the classic page {@code page} (the classic notebook page). */
  public static HttpRequestActionBuilder withFiles(HttpRequestActionBuilder request, String page, HubContext context) {
    return withFiles(request, RecordedFiles.CLASSIC, page, context);
  }

  /** Any page request with the files of the UI's page {@code page}. */
  public static HttpRequestActionBuilder withFiles(HttpRequestActionBuilder request, RecordedFiles ui, String page, HubContext context) {
    return request.resources(files(ui, page, context));
  }

  /**
   * The files of a page already loaded, as a browser fetches them after its HTML: the first (the
   * page's script) then the others at most 6 at a time, each a "page asset" entry. For a page that
   * may not be served (JupyterLab's, on a classic server): a 404 page loads none of them, whereas
   * files attached to the page's request would be fetched whatever its (accepted) status.
   */
  public static ChainBuilder afterPage(RecordedFiles ui, String page, HubContext context) {
    HttpRequestActionBuilder[] files = files(ui, page, context);
    return exec(files[0].resources(java.util.Arrays.copyOfRange(files, 1, files.length)));
  }

  /** Each file checked against the status the browser got (a missing nbextension is a 404 there too). */
  private static HttpRequestActionBuilder[] files(RecordedFiles ui, String page, HubContext context) {
    List<RecordedFiles.File> files = ui.of(page);
    return files.stream()
        .map(
            file ->
                http(PAGE_ASSET)
                    .get(context.urls().onServer(file.path()))
                    .requestTimeout(context.timeouts().request())
                    .check(ServerAnswers.status(file.status())))
        .toArray(HttpRequestActionBuilder[]::new);
  }

  /** The REST calls the page's scripts make as it loads. */
  public static ChainBuilder calls(HubContext context, String page) {
    ChainBuilder calls = exec(session -> session);
    for (String[] call : TabTraffic.classicPageCalls(page)) {
      calls = calls.exec(context.api(http(call[0]).get(context.urls().onServer(call[1]))).check(ServerAnswers.status(200)));
    }
    return calls;
  }
}
