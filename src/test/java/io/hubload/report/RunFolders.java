package io.hubload.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where a command finds the run it reads: a path given (a summary.json, or a run folder holding
 * one), or else the newest run in reports/ with a readable summary, newest by its start as
 * summary.json records it (a folder's name or time can lie: a copied or downloaded folder). One
 * injector's share of a load made by several is not a run of its own: only their merge is.
 *
 * <p>The same rules as the regression check's own search (commands/Regression), which is being
 * reworked elsewhere; it can use this class once that work has landed.
 */
public final class RunFolders {

  private RunFolders() {}

  /** A summary, the folder it is in, and a short name for messages ({@code RUN/summary.json}). */
  public record Run(Path folder, String name, RunSummary summary) {}

  /**
   * The run at a path: a summary.json, or a run folder holding one.
   *
   * @throws IOException with a one-line message when it is missing or not a summary
   */
  public static Run locate(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve(RunSummary.FILE) : path;
    RunSummary summary = RunSummary.read(file);
    Path folder = file.toAbsolutePath().getParent();
    return new Run(folder, folder.getFileName() + "/" + file.getFileName(), summary);
  }

  /**
   * The newest run in {@code reports}.
   *
   * @param skipped told, in one line, of each folder whose summary could not be read
   * @throws IOException with a one-line message when there is none
   */
  public static Run newest(Path reports, Consumer<String> skipped) throws IOException {
    List<Run> runs = runs(reports, skipped);
    if (runs.isEmpty()) {
      throw new IOException("no run with a summary.json in " + reports + "; run mvn gatling:test first, or name a run");
    }
    return runs.get(runs.size() - 1);
  }

  /** The runs in {@code reports} with a readable summary, oldest first; none when it does not exist. */
  public static List<Run> runs(Path reports, Consumer<String> skipped) throws IOException {
    List<Run> runs = new ArrayList<>();
    if (!Files.isDirectory(reports)) {
      return runs;
    }
    try (Stream<Path> folders = Files.list(reports)) {
      for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
        if (!Files.exists(folder.resolve(RunSummary.FILE))) {
          continue;
        }
        try {
          Run run = locate(folder);
          RunFacts.Injectors injectors = run.summary().run().injectors();
          if (injectors == null || injectors.index() == null) {
            runs.add(run);
          }
        } catch (IOException e) {
          skipped.accept("skipping " + folder.getFileName() + ": " + e.getMessage());
        }
      }
    }
    runs.sort(Comparator.comparing((Run run) -> start(run.summary())).thenComparing(run -> run.folder().getFileName().toString()));
    return runs;
  }

  private static String start(RunSummary summary) {
    return summary.run().start() == null ? "" : summary.run().start();
  }
}
