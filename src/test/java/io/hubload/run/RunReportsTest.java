package io.hubload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportsTest {

  @TempDir Path results;
  @TempDir Path reports;

  @Test
  void copiesTheNewestCompleteRunOfTheSimulation() throws Exception {
    long since = System.currentTimeMillis() - 60_000;
    run("smokesimulation-20260101000000000", true, since + 1000);
    run("smokesimulation-20260102000000000", true, since + 2000);
    run("smokesimulation-20260103000000000", false, since + 3000); // interrupted: no index.html
    run("userjourneysimulation-20260104000000000", true, since + 4000);
    run("smokesimulation-20251231000000000", true, since - 10_000); // before this JVM's run

    Optional<Path> copied = RunReports.copyNewest(results, reports, "smokesimulation-", since);

    assertEquals(Optional.of(reports.resolve("smokesimulation-20260102000000000")), copied);
    assertTrue(Files.exists(reports.resolve("smokesimulation-20260102000000000/index.html")));
    assertTrue(Files.exists(reports.resolve("smokesimulation-20260102000000000/js/app.js")));
  }

  @Test
  void nothingToCopyIsNotAnError() {
    assertEquals(Optional.empty(), RunReports.copyNewest(results.resolve("missing"), reports, "x-", 0));
  }

  private void run(String name, boolean complete, long modified) throws Exception {
    Path dir = Files.createDirectories(results.resolve(name).resolve("js"));
    Files.writeString(dir.resolve("app.js"), "//");
    if (complete) {
      Path index = results.resolve(name).resolve("index.html");
      Files.writeString(index, "<html/>");
      Files.setLastModifiedTime(index, FileTime.fromMillis(modified));
    }
  }
}
