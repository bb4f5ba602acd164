package io.hubload.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Several injectors' runs of one load as one run: their summaries' {@link Mergeable} numbers added
 * up, the statistics table computed once from the merged histograms, and the gate judged on the
 * merged totals. What people read is the same summary.json as a single run's (so that the
 * regression check and trend.html take it), and a page of its own ({@link MergedPage}).
 */
public final class MergedRun {

  /** A run to merge: where its summary was, and what it says. */
  public record Input(Path summaryFile, RunSummary summary) {

    /** The run's folder: where its summary.json is, with its simulation.log. */
    public Path folder() {
      return summaryFile.toAbsolutePath().getParent();
    }

    /** The run's name: its folder's. */
    public String name() {
      Path folder = folder();
      return folder == null ? summaryFile.toString() : folder.getFileName().toString();
    }
  }

  /** Why the runs do not make one result. */
  public static final class CannotMerge extends Exception {
    CannotMerge(String message) {
      super(message);
    }
  }

  private MergedRun() {}

  /** The summary of a run folder, or a summary.json itself. */
  public static Input read(Path runOrSummary) throws CannotMerge {
    Path file = Files.isDirectory(runOrSummary) ? runOrSummary.resolve(RunSummary.FILE) : runOrSummary;
    try {
      RunSummary summary = RunSummary.read(file);
      if (summary.mergeable() == null) {
        throw new CannotMerge(file + " has no mergeable numbers: it was written before summaries had them");
      }
      return new Input(file, summary);
    } catch (IOException e) {
      throw new CannotMerge(e.getMessage());
    }
  }

  /**
   * The runs as one summary, named {@code name}. They must be runs of the same simulation and
   * profile, and when they say which injector made them, different injectors of one load.
   *
   * @return the merged summary; {@link #missing} says whether injectors are missing from it
   */
  public static RunSummary merge(List<Input> inputs, String name) throws CannotMerge {
    if (inputs.isEmpty()) {
      throw new CannotMerge("no runs to merge: give run folders or summary.json files (merge.runs)");
    }
    RunFacts first = inputs.get(0).summary().run();
    String firstProfile = profileOf(first);
    String firstLoad = loadOf(first);
    Set<Integer> indices = new TreeSet<>();
    List<String> names = new ArrayList<>();
    String interrupted = null;
    for (Input input : inputs) {
      RunFacts run = input.summary().run();
      names.add(input.name());
      if (!String.valueOf(run.simulation()).equals(String.valueOf(first.simulation()))) {
        throw new CannotMerge(input.name() + " ran " + run.simulation() + ", " + inputs.get(0).name() + " " + first.simulation());
      }
      String profile = profileOf(run);
      if (!profile.equals(firstProfile)) {
        throw new CannotMerge(input.name() + "'s load (" + profile + ") is not " + inputs.get(0).name() + "'s (" + firstProfile + ")");
      }
      String load = loadOf(run);
      if (!load.equals(firstLoad)) {
        throw new CannotMerge(input.name() + " was part of another load (" + load + ") than " + inputs.get(0).name() + " (" + firstLoad + ")");
      }
      if (run.injectors() != null && run.injectors().index() != null && !indices.add(run.injectors().index())) {
        throw new CannotMerge(input.name() + " is injector " + run.injectors().index() + ", as another of the runs: each injector's run once");
      }
      if (interrupted == null) {
        interrupted = run.interrupted();
      }
    }
    Mergeable merged;
    try {
      merged = Mergeable.merge(inputs.stream().map(i -> i.summary().mergeable()).toList());
    } catch (IllegalArgumentException e) {
      throw new CannotMerge(e.getMessage());
    }
    int count = first.injectors() == null ? inputs.size() : first.injectors().count();
    RunFacts facts =
        first.merged(
            Instant.ofEpochMilli(merged.runStart()).toString(),
            Instant.ofEpochMilli(merged.runEnd()).toString(),
            name,
            new RunFacts.Injectors(count, null, first.injectors() == null ? null : first.injectors().startAt(), names),
            interrupted);
    return new RunSummary(
        facts,
        (int) merged.perSecond().peakActiveUsers(),
        merged.table(),
        Map.of("unavailable", "a merged run: each injector's summary.json has the hub's metrics over its run"),
        null,
        null,
        null,
        null,
        merged);
  }

  /**
   * The injectors of the load that are not in the merged summary (their numbers, from 0): those
   * whose run never came.
   */
  public static List<Integer> missing(RunSummary merged, List<Input> inputs) {
    RunFacts.Injectors injectors = merged.run().injectors();
    Set<Integer> present = new TreeSet<>();
    for (Input input : inputs) {
      RunFacts.Injectors i = input.summary().run().injectors();
      if (i != null && i.index() != null) {
        present.add(i.index());
      }
    }
    List<Integer> missing = new ArrayList<>();
    if (present.isEmpty()) {
      return missing; // runs that do not say which injector made them: merged as given
    }
    for (int i = 0; i < injectors.count(); i++) {
      if (!present.contains(i)) {
        missing.add(i);
      }
    }
    return missing;
  }

  /** What makes runs shares of one load: the injectors' count and start, the hub, the users. */
  private static String loadOf(RunFacts run) {
    RunFacts.Injectors i = run.injectors();
    return "injectors " + (i == null ? "?" : i.count()) + ", start " + (i == null ? null : i.startAt())
        + ", hub " + (run.hub() == null ? null : run.hub().url()) + ", users " + run.usersPrefix() + "*";
  }

  private static String profileOf(RunFacts run) {
    return run.profile() == null ? "?" : run.profile().name() + " " + run.profile().parameters();
  }
}
