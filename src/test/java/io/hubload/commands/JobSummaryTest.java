package io.hubload.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.capacity.Verdict;
import io.hubload.report.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job summary of real capacity runs' summary.json (two runs on the local hub, copied as they
 * were written): one climbed 2, 4, 6 users and held them all; the other broke its first level on
 * a spawn limit of 9 s.
 */
class JobSummaryTest {

  static final Path HELD = Path.of("src/test/resources/summaries/capacity-held-ceiling.summary.json");
  static final Path BROKE = Path.of("src/test/resources/summaries/capacity-broke-first-level.summary.json");

  private static final String HEADER =
      "| Users | Outcome | Arrived | Without a result | Spawn to ready p95 | First result p95 | Execute p95 | Hub API p95 | What broke |";

  @Test
  void aClimbThatHeldHasItsVerdictInBoldAndARowPerLevel() throws Exception {
    String md = JobSummary.markdown(RunSummary.read(HELD));

    assertTrue(md.startsWith("## hubload: capacity run userjourneysimulation-20261205063103899\n"), md);
    assertTrue(md.contains("\n**holds at least 6 users (the ceiling, load.users) within every service level**\n"), md);
    assertTrue(md.contains("JupyterHub 6.1.1 at http://127.0.0.1:43645 (local), form login; capacity: up to 6 concurrent users in levels of [2, 4, 6]"), md);
    assertEquals(
        List.of(
            "| limit |  |  | at most 1 % | 30 s | 60 s | 2 s | 1 s |  |",
            "| 2 | held | 2 | 0 (0 %) | 6.9 s | 12.9 s | 66 ms | 6 ms |  |",
            "| 4 | held | 4 | 0 (0 %) | 13.3 s | 21.1 s | 71 ms | 91 ms |  |",
            "| 6 | held | 5 | 0 (0 %) | 13.6 s | 22 s | 75 ms | 64 ms |  |"),
        rowsAfter(md, HEADER));
    assertEquals(
        List.of(
            "| All Requests | 1471 | 0 | 890 ms |",
            "| spawn to ready | 11 | 0 | 13.6 s |",
            "| execute | 11 | 0 | 74 ms |"),
        rowsAfter(md, "| Entry | Count | KO | p95 |"));
  }

  @Test
  void aLevelThatBrokeSaysWhatBroke() throws Exception {
    String md = JobSummary.markdown(RunSummary.read(BROKE));

    assertTrue(
        md.contains("\n**holds fewer than 2 users: the first level, 2, broke a service level: spawn to ready p95 was 13 s (limit 9s)**\n"), md);
    assertEquals(
        List.of(
            "| limit |  |  | at most 1 % | 9 s | 60 s | 2 s | 1 s |  |",
            "| 2 | **broke** | 2 | 0 (0 %) | 13.1 s | 21.4 s | 78 ms | 52 ms | spawn to ready p95 was 13 s (limit 9s) |"),
        rowsAfter(md, HEADER));
  }

  @Test
  void aPipeOrALineBreakInACellStaysInItsCell() throws Exception {
    RunSummary real = RunSummary.read(BROKE);
    Verdict.Level level = real.capacity().levels().get(0);
    Verdict.Level odd = new Verdict.Level(level.users(), level.outcome(), level.figures(), List.of("proxy said 502 | bad gateway\nthen <nothing>"));
    Verdict verdict = real.capacity();
    RunSummary summary = withCapacity(real, new Verdict(verdict.held(), verdict.brokeAt(), odd.broken(), verdict.ceiling(), verdict.planned(), verdict.limits(), List.of(odd), "line one\nline | two"));

    String md = JobSummary.markdown(summary);

    String row = rowsAfter(md, HEADER).get(1);
    assertTrue(row.endsWith("| proxy said 502 \\| bad gateway<br>then &lt;nothing&gt; |"), row);
    assertEquals(9, cells(row).size(), "nine cells, as the header: " + row);
    assertTrue(md.contains("\n**line one line | two**\n"), "the verdict stays one paragraph: " + md);
  }

  @Test
  void aRunThatWasNoCapacitySearchHasItsEntriesOnly() throws Exception {
    String md = JobSummary.markdown(withCapacity(RunSummary.read(HELD), null));

    assertFalse(md.contains("**") || md.contains("### Levels"), md);
    assertTrue(md.contains("| All Requests | 1471 | 0 | 890 ms |"), md);
  }

  @Test
  void appendsToTheFileGitHubNames(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("step-summary.md");
    Files.writeString(target, "## an earlier step\n\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = JobSummary.write(Optional.of(HELD), dir.resolve("reports"), Optional.of(target), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(JobSummary.WRITTEN, code);
    String written = Files.readString(target);
    assertTrue(written.startsWith("## an earlier step\n\n## hubload: capacity run "), written);
    assertEquals("hubload: job summary of summaries/capacity-held-ceiling.summary.json appended to GITHUB_STEP_SUMMARY\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutAFileItPrintsTheNewestRunOfReports(@TempDir Path reports) throws Exception {
    for (Path summary : List.of(BROKE, HELD)) {
      Path run = Files.createDirectories(reports.resolve(summary.getFileName().toString().replace(".summary.json", "")));
      Files.copy(summary, run.resolve(RunSummary.FILE));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = JobSummary.write(Optional.empty(), reports, Optional.empty(), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(JobSummary.WRITTEN, code);
    // The broken run started at 06:34, the other at 06:31: newest by start, whatever the folders' names.
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("## hubload: capacity run userjourneysimulation-20261205063424897\n"), out::toString);
  }

  @Test
  void aMissingOrUnreadableSummaryIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
    Path garbled = Files.writeString(dir.resolve("summary.json"), "{ not json");
    Path target = dir.resolve("step-summary.md");
    for (Optional<Path> run : List.of(Optional.of(dir.resolve("no-such-run")), Optional.of(garbled), Optional.<Path>empty())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      int code = JobSummary.write(run, dir.resolve("reports"), Optional.of(target), new PrintStream(out, true, StandardCharsets.UTF_8));

      assertEquals(JobSummary.NO_SUMMARY, code, run.toString());
      String said = out.toString(StandardCharsets.UTF_8);
      assertTrue(said.startsWith("hubload: job summary: ") && said.indexOf('\n') == said.length() - 1, "one line: " + said);
      assertFalse(Files.exists(target), "nothing written");
    }
  }

  /** The table rows after a header line (its separator skipped), up to the blank line. */
  static List<String> rowsAfter(String md, String header) {
    List<String> lines = md.lines().toList();
    int at = lines.indexOf(header);
    assertTrue(at >= 0, "a table headed " + header + " in\n" + md);
    List<String> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      rows.add(lines.get(i));
    }
    return rows;
  }

  /** A row's cells, split where GitHub splits them: at a | that is not escaped. */
  static List<String> cells(String row) {
    String inner = row.substring(1, row.length() - 1);
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static RunSummary withCapacity(RunSummary s, Verdict capacity) {
    return new RunSummary(
        s.run(), s.peakConcurrentUsers(), s.entries(), s.hubMetrics(), s.spawns(), s.timeline(), s.hubUnanswered(), s.requestsPerSecond(), s.mergeable(), capacity);
  }
}
