package io.hubload.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * merge.*: the offline merge of several injectors' runs (distributed/Merge).
 *
 * @param runs the run folders, or summary.json files, to merge
 * @param out where the merged result goes; empty: reports/merged-TIME/
 * @param gatlingReportTimeout the bound on merging the runs' logs and on Gatling's report of them;
 *     zero: no Gatling report
 */
public record MergeSettings(List<Path> runs, Optional<Path> out, java.time.Duration gatlingReportTimeout) {

  static MergeSettings read(SettingReader r) {
    List<Path> runs = new ArrayList<>();
    for (String run : r.string("merge.runs").split(",")) {
      if (!run.isBlank()) {
        runs.add(Path.of(run.trim()));
      }
    }
    String out = r.string("merge.out");
    return new MergeSettings(
        List.copyOf(runs),
        out.isEmpty() ? Optional.empty() : Optional.of(Path.of(out)),
        r.duration("merge.gatling-report-timeout", java.time.Duration.ZERO, java.time.Duration.ofHours(6)));
  }
}
