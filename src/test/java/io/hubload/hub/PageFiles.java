package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.tab.ClassicFiles;
import io.hubload.tab.TabTraffic;
import java.util.List;

/**
 * A classic notebook page as a browser with an empty cache loads it: the page, then its static
 * files in parallel (Gatling's resources: at most 6 at a time per host, as a browser), as Chromium
 * loaded them (its scripts' files too, which no HTML parser finds), then the REST calls its scripts
 * make. Each file is a "page asset" entry.
 */
final class PageFiles {

  private PageFiles() {}

  /** The page's request ("server home" for the folder page) with the page's files. */
  static HttpRequestActionBuilder loadedWith(String pagePath, String page, HubContext context) {
    return http("server home").get(pagePath).resources(files(page, context));
  }

  /** Any page request with the files of the classic page {@code page}. */
  static HttpRequestActionBuilder withFiles(HttpRequestActionBuilder request, String page, HubContext context) {
    return request.resources(files(page, context));
  }

  /** Each file checked against the status the browser got (a missing nbextension is a 404 there too). */
  private static HttpRequestActionBuilder[] files(String page, HubContext context) {
    List<ClassicFiles.File> files = ClassicFiles.of(page);
    return files.stream()
        .map(
            file ->
                http(OpenServer.PAGE_ASSET)
                    .get(context.urls().onServer(file.path()))
                    .requestTimeout(context.timeouts().request())
                    .check(ServerAnswers.status(file.status())))
        .toArray(HttpRequestActionBuilder[]::new);
  }

  /** The REST calls the page's scripts make as it loads. */
  static ChainBuilder calls(HubContext context, String page) {
    ChainBuilder calls = exec(session -> session);
    for (String[] call : TabTraffic.classicPageCalls(page)) {
      calls = calls.exec(context.api(http(call[0]).get(context.urls().onServer(call[1]))).check(ServerAnswers.status(200)));
    }
    return calls;
  }
}
