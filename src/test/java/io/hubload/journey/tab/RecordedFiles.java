package io.hubload.journey.tab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The static files a UI's pages load, as Chromium asked the server for them: the files the page's
 * HTML names and those its scripts load (require.js modules and MathJax for the classic UI,
 * webpack chunks for JupyterLab), which no HTML parser finds. Made from a recording ({@link
 * #fromRecording}, by the TabRecorder with record.files) and kept in the test resources
 * (tabs/classic-files.json, tabs/lab-files.json, tabs/notebook-files.json), from which the suite's tabs load them. Files the
 * browser took from its cache (the classic notebook page shares many with the folder page) never
 * reached the server and are not listed.
 *
 * <p>The lists name files by their content hash (JupyterLab's chunks, {@code 1014.073326ef5d98db5e.js})
 * or version query (the classic UI's {@code ?v=}): each list is its release's (notebook 6.4.12,
 * JupyterLab 4.6.6, Notebook 7.6.5, as the lists' {@code server} and {@code ui} say) and nothing else's. This is
 * the one place the suite knows them; another release needs its own recording.
 *
 * @param resource where the suite reads the list, in the test resources
 * @param pages the UI's pages as the recording names their tabs, in the order they open
 * @param ui what the list is of, for its "about"
 */
public record RecordedFiles(String resource, List<String> pages, String ui) {

  /** The classic notebook UI: the folder page, and a notebook's. */
  public static final RecordedFiles CLASSIC = new RecordedFiles("tabs/classic-files.json", List.of("tree", "notebook"), "the classic notebook UI");
  /** JupyterLab: one page, whose scripts load the chunks of the notebook when it opens one. */
  public static final RecordedFiles LAB = new RecordedFiles("tabs/lab-files.json", List.of("lab"), "JupyterLab");
  /**
   * Notebook 7: the folder page, then the notebook's in a tab of its own, which takes most of its
   * chunks from the browser's cache (only those that reached the server are listed).
   */
  public static final RecordedFiles NOTEBOOK = new RecordedFiles("tabs/notebook-files.json", List.of("tree", "notebook"), "Notebook 7");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One file: its path under the server and the status the server answered (304: 200 without a cache). */
  public record File(String path, int status) {}

  /**
   * The list, from a TabRecorder recording: each page's files ({@link RequestClass} "page asset")
   * that reached the server before the idle.
   */
  public ObjectNode fromRecording(JsonNode recording) {
    ObjectNode list = JSON.createObjectNode();
    list.put(
        "about",
        "The static files of " + ui + "'s pages as Chromium loaded them (TabRecorder, record.files); the suite's tab loads the same."
            + " File names carry the release's content hashes: this list is for the server and UI below only.");
    list.put("recordedAt", recording.path("recordedAt").asText());
    list.put("hub", recording.path("hub").path("version").asText());
    list.put("server", recording.path("server").path("version").asText());
    if (recording.has("ui")) {
      list.set("ui", recording.get("ui"));
    }
    list.put("browser", recording.path("browser").asText());
    ObjectNode pages = list.putObject("pages");
    long idleStart = recording.path("idleStart").asLong();
    for (String page : pages()) {
      ArrayNode files = pages.putArray(page);
      for (JsonNode request : recording.path("requests")) {
        String path = request.path("path").asText();
        if (path.startsWith("/") || !request.path("tab").asText().equals(page) || request.path("t").asLong() >= idleStart
            || request.path("fromCache").asBoolean(false)) {
          continue;
        }
        int status = request.path("status").asInt(200);
        if ("page asset".equals(RequestClass.of(request.path("method").asText(), path, request.path("type").asText().equals("WebSocket"), status))) {
          files.addObject().put("path", path).put("status", status == 304 ? 200 : status);
        }
      }
    }
    return list;
  }

  public void write(ObjectNode list, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(list) + "\n");
  }

  /** A page's files, from the test resources. */
  public List<File> of(String page) {
    try (InputStream in = RecordedFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the test resources");
      }
      List<File> files = new ArrayList<>();
      for (JsonNode file : JSON.readTree(in).path("pages").path(page)) {
        files.add(new File(file.path("path").asText(), file.path("status").asInt(200)));
      }
      if (files.isEmpty()) {
        throw new IllegalStateException(resource + " lists no files for the page " + page);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
