package io.hubload.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.CollectSettings;
import io.hubload.config.DistributedSettings;
import io.hubload.config.Shard;
import io.hubload.report.RunSummary;
import io.hubload.report.SimulationLog;
import io.hubload.process.FreePort;
import io.hubload.testing.SmokeLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector with the upload, over loopback: runs come, are merged once all have, and the
 * verdict is the collector's exit code. Each wait here is bounded (collect.timeout of 30 s, far
 * above the second or so these take; 2 s where the timeout itself is the subject).
 */
class CollectorTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private Path reportsOf(int index, int of) throws Exception {
    return reportsOf(index, of, "userjourneysimulation-" + index);
  }

  private Path reportsOf(int index, int of, String runName) throws Exception {
    Path run = SmokeLog.share(dir.resolve("injector" + index + "-" + runName).resolve("reports").resolve(runName), index, of, null);
    Files.writeString(run.resolve("index.html"), "<html>injector " + index + "'s report</html>");
    return run.getParent();
  }

  private CompletableFuture<Integer> collector(int injectors, int port, Duration timeout) {
    Collector collector =
        new Collector(
            new CollectSettings(injectors, dir.resolve("collected"), port, timeout, Duration.ZERO),
            90,
            Duration.ZERO,
            new PrintStream(console, true, StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return collector.run();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static DistributedSettings injector(int index, int of, int port) {
    return new DistributedSettings(new Shard(index, of), Optional.empty(), Optional.of(URI.create("http://127.0.0.1:" + port)));
  }

  @Test
  void everyInjectorsRunIsMergedAndTheVerdictIsTheExitCode() throws Exception {
    int port = FreePort.onLoopback();
    CompletableFuture<Integer> collecting = collector(2, port, Duration.ofSeconds(30));
    // Uploads retry while the collector is not up yet, within the 10 s given here.
    assertTrue(Upload.upload(injector(1, 2, port), reportsOf(1, 2), Duration.ofSeconds(10)));
    assertTrue(Upload.upload(injector(1, 2, port), reportsOf(1, 2), Duration.ofSeconds(10)), "the same run again is taken as done");
    assertFalse(Upload.upload(injector(1, 2, port), reportsOf(1, 2, "another-run"), Duration.ofSeconds(10)), "another run of injector 1 is refused");
    assertFalse(Upload.upload(injector(1, 3, port), reportsOf(1, 2), Duration.ofSeconds(10)), "a run of another load is not sent");
    assertTrue(Upload.upload(injector(0, 2, port), reportsOf(0, 2), Duration.ofSeconds(10)));
    assertEquals(Merge.PASSED, collecting.get(30, TimeUnit.SECONDS), console.toString(StandardCharsets.UTF_8));
    Path merged = dir.resolve("collected").resolve("merged");
    assertEquals(2 * 115, RunSummary.read(merged.resolve(RunSummary.FILE)).entry(SimulationLog.ALL_REQUESTS).orElseThrow().count());
    assertEquals("0\n", Files.readString(merged.resolve(Collector.EXIT_CODE_FILE)), "the verdict, for run.sh");
    assertTrue(Files.exists(dir.resolve("collected").resolve("injector-1").resolve("userjourneysimulation-1").resolve("index.html")), "each injector's own report is kept");
  }

  @Test
  void aRunThatNeverComesLeavesNoVerdictAfterTheTimeout() throws Exception {
    int port = FreePort.onLoopback();
    CompletableFuture<Integer> collecting = collector(2, port, Duration.ofSeconds(2));
    assertTrue(Upload.upload(injector(0, 2, port), reportsOf(0, 2), Duration.ofSeconds(10)));
    assertEquals(Merge.NO_VERDICT, collecting.get(30, TimeUnit.SECONDS));
    String said = console.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("collect.timeout (2s) passed; received 1 of 2: injectors [0]"), said);
    assertTrue(said.contains("NO VERDICT: the runs of injectors [1] of 2 are missing"), said);
  }

  @Test
  void aZipReachingOutsideItsFolderIsRefused() throws Exception {
    int port = FreePort.onLoopback();
    CompletableFuture<Integer> collecting = collector(1, port, Duration.ofSeconds(3));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("../../escaped.txt"));
      zip.write("x".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    HttpResponse<String> response = null;
    for (int attempt = 0; attempt < 50 && response == null; attempt++) {
      try {
        response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/runs/0"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
      } catch (java.net.ConnectException notYet) {
        Thread.sleep(100);
      }
    }
    assertEquals(400, response.statusCode(), response.body());
    assertFalse(Files.exists(dir.resolve("escaped.txt")));
    assertEquals(Merge.NO_VERDICT, collecting.get(30, TimeUnit.SECONDS));
  }
}
