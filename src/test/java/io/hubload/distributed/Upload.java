package io.hubload.distributed;

import io.hubload.config.DistributedSettings;
import io.hubload.config.InvalidSettingException;
import io.hubload.config.Settings;
import io.hubload.report.RunSummary;
import io.hubload.run.RunLifecycle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Sends this injector's finished run to the collector (distributed.collector): the newest run
 * folder with a summary.json under the reports folder given, zipped, as {@code PUT
 * /runs/<distributed.index>}: the newest run of this injector's share of this load, never an older
 * one left in a reused folder. The launcher (deploy/bin/hubload) calls it after the run; it tries
 * again while the collector is not up yet, all attempts within timeout.request. Exit 0 when the
 * collector took it, 1 otherwise (one line). The zip is held in memory: a run folder is megabytes.
 */
public final class Upload {

  private Upload() {}

  /** The collector's path for an injector's run. */
  static String path(int index) {
    return Collector.RUNS + index;
  }

  public static void main(String[] args) {
    int code;
    try {
      Settings settings = Settings.read();
      Path reports = Path.of(args.length > 0 ? args[0] : "reports");
      code = upload(settings.distributed(), reports, settings.timeouts().request()) ? 0 : 1;
    } catch (InvalidSettingException e) {
      System.out.println("hubload: invalid setting " + e.getMessage());
      code = 1;
    }
    System.exit(code);
  }

  static boolean upload(DistributedSettings distributed, Path reports, Duration within) {
    if (distributed.collector().isEmpty()) {
      System.out.println("hubload: upload: no distributed.collector set: nothing to do");
      return true;
    }
    Optional<Path> run = newestRun(reports, distributed);
    if (run.isEmpty()) {
      System.out.println(
          "hubload: upload: no run of " + distributed.shard().describe()
              + distributed.startAt().map(at -> " starting at " + at).orElse("") + " with a " + RunSummary.FILE + " in " + reports);
      return false;
    }
    URI target = distributed.collector().get().resolve(path(distributed.shard().index()));
    byte[] zip;
    try {
      zip = zip(run.get());
    } catch (IOException e) {
      System.out.println("hubload: upload: cannot read " + run.get() + ": " + e.getMessage());
      return false;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(within).build();
    Instant deadline = Instant.now().plus(within);
    String last = "";
    while (true) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.toMillis() < 100) {
        break;
      }
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(target)
                    .timeout(left)
                    .header("Content-Type", "application/zip")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(zip))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        String name = run.get().getFileName().toString();
        if (response.statusCode() == 200
            || (response.statusCode() == 409 && response.body().contains(Collector.CAME_ALREADY + name))) {
          // 409 with this run's name: an earlier attempt arrived, though its answer did not.
          System.out.println("hubload: uploaded " + name + " (" + zip.length / 1024 + " KiB) to " + target);
          return true;
        }
        last = "HTTP " + response.statusCode() + ": " + response.body().strip();
        boolean beingReceived = response.statusCode() == 409 && response.body().contains(Collector.BEING_RECEIVED);
        if (response.statusCode() < 500 && !beingReceived) {
          break; // refused: another try would be refused too
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (Instant.now().plusSeconds(2).isAfter(deadline)) {
        break;
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    System.out.println("hubload: upload of " + run.get().getFileName() + " to " + target + " failed: " + last);
    return false;
  }

  /**
   * The newest run folder holding a summary.json of this injector's share of this load (its index,
   * the count, the start time): never an older run left in a reused folder.
   */
  static Optional<Path> newestRun(Path reports, DistributedSettings distributed) {
    if (!Files.isDirectory(reports)) {
      return Optional.empty();
    }
    try (Stream<Path> runs = Files.list(reports)) {
      return runs.filter(dir -> isShare(dir.resolve(RunSummary.FILE), distributed))
          .max(Comparator.comparing(dir -> dir.toFile().lastModified()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isShare(Path summaryFile, DistributedSettings distributed) {
    if (!Files.isRegularFile(summaryFile)) {
      return false;
    }
    try {
      // The same count, index and start: this load's share, as this injector's run records it.
      return java.util.Objects.equals(RunSummary.read(summaryFile).run().injectors(), RunLifecycle.injectors(distributed));
    } catch (IOException e) {
      return false;
    }
  }

  /** A run folder as a zip, its files under the folder's name. */
  static byte[] zip(Path run) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
        Stream<Path> walk = Files.walk(run)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      for (Path file : files) {
        zip.putNextEntry(new ZipEntry(run.getFileName() + "/" + run.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip); // leaves the zip open for the next entry
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
