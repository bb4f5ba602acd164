package io.hubload.journey.tab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counting a recording and a run alike, against the recording kept in tabs/recording-classic.json. */
class TrafficComparisonTest {

  private static JsonNode recording() throws Exception {
    return recording("classic");
  }

  private static JsonNode recording(String ui) throws Exception {
    try (InputStream in = TrafficComparisonTest.class.getClassLoader().getResourceAsStream("tabs/recording-" + ui + ".json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void theLabRecordingIsCountedFromJupyterLabsPageAndItsIdlePollsSixTimesAMinute() throws Exception {
    TrafficComparison.Counts counts = TrafficComparison.ofRecording(recording("lab"));
    assertTrue(counts.perMinute().keySet().stream().noneMatch(c -> c.startsWith("other")), counts.perMinute().keySet()::toString);
    assertEquals(2, counts.wholeMinutes());
    assertEquals(1, counts.count("server home", 0));
    assertEquals(1, counts.count(RequestClass.EVENTS_WEBSOCKET, 0));
    assertEquals(1, counts.count("kernel websocket", 0));
    assertEquals(55, counts.count("page asset", 0), "tabs/lab-files.json");
    for (String poll : List.of("kernels", "sessions", "terminals", "folder contents", "workspaces", TabTraffic.WORKSPACE_SAVE)) {
      assertEquals(6, counts.count(poll, 1), poll);
      assertEquals(6, counts.count(poll, 2), poll);
    }
    assertEquals(1, counts.count("me", 1));
    assertEquals(1, counts.count("kernelspecs", 2));
    assertEquals(1, counts.count(TabTraffic.AUTOSAVE, 2));
    assertEquals(2, counts.count(RequestClass.NOTEBOOK_CHECK, 2), "before and after the save");
  }

  @Test
  void eachTabsFilesAreThoseOfItsRecording() throws Exception {
    for (String ui : List.of("classic", "lab")) {
      RecordedFiles list = ui.equals("lab") ? RecordedFiles.LAB : RecordedFiles.CLASSIC;
      JsonNode recorded = list.fromRecording(recording(ui)).path("pages");
      for (String page : list.pages()) {
        List<String> paths = list.of(page).stream().map(RecordedFiles.File::path).toList();
        List<String> fromRecording = new java.util.ArrayList<>();
        recorded.path(page).forEach(f -> fromRecording.add(f.path("path").asText()));
        assertEquals(fromRecording, paths, ui + " " + page);
      }
    }
  }

  @Test
  void theLabFilesAreThoseOfTheRecording() throws Exception {
    List<RecordedFiles.File> files = RecordedFiles.LAB.of("lab");
    JsonNode fromRecording = RecordedFiles.LAB.fromRecording(recording("lab")).path("pages").path("lab");
    assertEquals(fromRecording.size(), files.size());
    assertTrue(files.get(0).path().startsWith("static/lab/main."), "the page's script first");
    assertTrue(files.stream().anyMatch(f -> f.path().startsWith("static/lab/jlab_core.")), "webpack chunks, which no HTML names");
  }

  @Test
  void theNotebook7FilesAreTheFolderPagesAndWhatTheNotebooksPageDidNotFindInTheCache() {
    List<RecordedFiles.File> tree = RecordedFiles.NOTEBOOK.of("tree");
    List<RecordedFiles.File> notebook = RecordedFiles.NOTEBOOK.of("notebook");
    assertEquals(55, tree.size());
    assertEquals(15, notebook.size());
    assertTrue(tree.stream().anyMatch(f -> f.path().startsWith("static/notebook/main.")), "the page's script");
    assertTrue(notebook.stream().noneMatch(f -> f.path().startsWith("static/notebook/main.")), "from the cache");
    assertTrue(notebook.stream().anyMatch(f -> f.path().startsWith("kernelspecs/")), "the kernel's logo");
  }

  @Test
  void theRecordingsServerRequestsAllHaveAClassAndItsIdleOnlyAutosaves() throws Exception {
    TrafficComparison.Counts counts = TrafficComparison.ofRecording(recording());
    assertTrue(counts.perMinute().keySet().stream().noneMatch(c -> c.startsWith("other")), counts.perMinute().keySet()::toString);
    assertEquals(2, counts.wholeMinutes(), "a 3-minute idle covers minutes 0 to 2 whole");
    assertEquals(33, counts.count("page asset", 0), "14 files of the folder page, 19 of the notebook's not in the cache");
    assertEquals(1, counts.count("notebook page", 0));
    assertEquals(1, counts.count("kernel start", 0));
    assertEquals(1, counts.count("kernel websocket", 0));
    assertEquals(2, counts.count("terminals", 0));
    for (int minute = 1; minute <= 2; minute++) {
      for (Map.Entry<String, int[]> row : counts.perMinute().entrySet()) {
        boolean autosave = row.getKey().equals(TabTraffic.AUTOSAVE) || row.getKey().equals(RequestClass.NOTEBOOK_CHECK);
        assertEquals(autosave && minute == 2 ? 1 : 0, row.getValue()[minute], row.getKey() + ", minute " + minute);
      }
    }
    assertEquals(List.of(), TrafficComparison.differences(counts, counts));
    assertTrue(TrafficComparison.table(counts).contains("| autosave | 0 | 0 | 1 |"), TrafficComparison.table(counts));
  }

  /** A run of one user, as summary.json has it: entry to [ms since the run's start, OK, KO]. */
  private static Map<String, List<int[]>> run(int assets, int autosaveAt) {
    Map<String, List<int[]>> run = new LinkedHashMap<>();
    run.put("login / login submit", List.of(new int[] {500, 1, 0}));
    run.put("page open / server home", List.of(new int[] {8_500, 1, 0}));
    run.put("page open / server home Redirect 3", List.of(new int[] {8_500, 1, 0}));
    run.put("open notebook / notebook page", List.of(new int[] {10_500, 1, 0}));
    run.put("open notebook / page asset", List.of(new int[] {10_500, assets, 0}));
    run.put("autosave", List.of(new int[] {10_500 + autosaveAt, 1, 0}));
    run.put("stop / kernel websocket close", List.of(new int[] {170_500, 1, 0}));
    run.put("stop / notebook delete", List.of(new int[] {171_500, 1, 0}));
    return run;
  }

  @Test
  void aRunIsCountedFromItsNotebookPageUntilItsStop() {
    TrafficComparison.Counts counts = TrafficComparison.ofRun(run(19, 120_000));
    assertEquals(2, counts.wholeMinutes());
    assertEquals(19, counts.count("page asset", 0));
    assertEquals(1, counts.count("server home", 0), "the landing, not its redirects");
    assertEquals(1, counts.count(TabTraffic.AUTOSAVE, 2));
    assertTrue(!counts.perMinute().containsKey("notebook delete"), "the stop is not the tab's");
  }

  @Test
  void countsBeyondTwentyPercentAndClassesOfOneSideAreDifferences() {
    TrafficComparison.Counts recorded = TrafficComparison.ofRun(run(20, 120_000));
    assertEquals(List.of(), TrafficComparison.differences(recorded, TrafficComparison.ofRun(run(24, 120_000))), "+20 %");
    assertEquals(
        List.of("page asset, minute 0: the browser 20, the suite 25"),
        TrafficComparison.differences(recorded, TrafficComparison.ofRun(run(25, 120_000))));
    assertEquals(
        List.of("autosave, minute 1: the browser 0, the suite 1", "autosave, minute 2: the browser 1, the suite 0"),
        TrafficComparison.differences(recorded, TrafficComparison.ofRun(run(20, 60_000))));
    Map<String, List<int[]>> extra = run(20, 120_000);
    extra.put("poll kernels", List.of(new int[] {40_000, 1, 0}));
    assertEquals(List.of("kernels: made by the suite, not by the browser"), TrafficComparison.differences(recorded, TrafficComparison.ofRun(extra)));
  }

  @Test
  void theFirstMinuteAllowsTwoRequestsForHowFastEachSideGotToTheNotebook() {
    TrafficComparison.Counts browser = new TrafficComparison.Counts(java.util.Map.of("kernels", new int[] {7, 6}), 1);
    assertEquals(
        java.util.List.of(),
        TrafficComparison.differences(browser, new TrafficComparison.Counts(java.util.Map.of("kernels", new int[] {5, 6}), 1)));
    assertEquals(
        java.util.List.of("kernels, minute 0: the browser 7, the suite 4"),
        TrafficComparison.differences(browser, new TrafficComparison.Counts(java.util.Map.of("kernels", new int[] {4, 6}), 1)));
    assertEquals(
        java.util.List.of("kernels, minute 1: the browser 6, the suite 4"),
        TrafficComparison.differences(browser, new TrafficComparison.Counts(java.util.Map.of("kernels", new int[] {7, 4}), 1)),
        "only the first minute");
  }
}
