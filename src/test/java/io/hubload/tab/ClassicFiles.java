package io.hubload.tab;

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
import java.util.Set;

/**
 * The static files the classic UI's pages load, as Chromium asked the server for them: the files
 * the page's HTML names and those its scripts load (require.js modules, MathJax, fonts), which no
 * HTML parser finds. Made from a recording ({@link #fromRecording}, by the TabRecorder with
 * record.files) and kept in the test resources (tabs/classic-files.json), from which the suite's
 * classic tab loads them. Files the browser took from its cache (the notebook page shares many
 * with the folder page) never reached the server and are not listed.
 */
public final class ClassicFiles {

  /** Where the suite reads the list. */
  public static final String RESOURCE = "tabs/classic-files.json";
  /** The classic pages: the folder page, and a notebook's. */
  public static final List<String> PAGES = List.of("tree", "notebook");

  private static final Set<String> FILE_TYPES = Set.of("Script", "Stylesheet", "Image", "Font", "Other");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One file: its path under the server and the status the server answered (304: 200 without a cache). */
  public record File(String path, int status) {}

  private ClassicFiles() {}

  /** The list, from a TabRecorder recording: each page's files that reached the server before the idle. */
  public static ObjectNode fromRecording(JsonNode recording) {
    ObjectNode list = JSON.createObjectNode();
    list.put("about", "The static files of the classic notebook UI's pages as Chromium loaded them (TabRecorder, record.files); the suite's classic tab loads the same.");
    list.put("recordedAt", recording.path("recordedAt").asText());
    list.put("server", recording.path("server").path("version").asText());
    list.put("browser", recording.path("browser").asText());
    ObjectNode pages = list.putObject("pages");
    long idleStart = recording.path("idleStart").asLong();
    for (String page : PAGES) {
      ArrayNode files = pages.putArray(page);
      for (JsonNode request : recording.path("requests")) {
        boolean file = FILE_TYPES.contains(request.path("type").asText()) && !request.path("path").asText().startsWith("/");
        if (file && request.path("tab").asText().equals(page) && request.path("t").asLong() < idleStart
            && !request.path("fromCache").asBoolean(false)) {
          int status = request.path("status").asInt(200);
          files.addObject().put("path", request.path("path").asText()).put("status", status == 304 ? 200 : status);
        }
      }
    }
    return list;
  }

  public static void write(ObjectNode list, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(list) + "\n");
  }

  /** A page's files, from the test resources. */
  public static List<File> of(String page) {
    try (InputStream in = ClassicFiles.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      List<File> files = new ArrayList<>();
      for (JsonNode file : JSON.readTree(in).path("pages").path(page)) {
        files.add(new File(file.path("path").asText(), file.path("status").asInt(200)));
      }
      if (files.isEmpty()) {
        throw new IllegalStateException(RESOURCE + " lists no files for the page " + page);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
