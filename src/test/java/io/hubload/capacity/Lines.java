package io.hubload.capacity;

import java.util.ArrayList;
import java.util.List;

/** A level in one line, as the console and the page say it. */
final class Lines {

  private Lines() {}

  static String level(Verdict.Level level) {
    String outcome =
        switch (level.outcome()) {
          case HELD -> "held";
          case BROKE -> "BROKE " + String.join("; ", level.broken());
          case NOT_JUDGED -> "not judged (the run ended first)";
        };
    return level.users() + " users " + outcome + ": " + figures(level.figures());
  }

  static String figures(LevelFigures f) {
    List<String> parts = new ArrayList<>();
    parts.add(f.arrived() + " arrived, " + f.failed() + " without a result");
    parts.add("spawn to ready p95 " + time(f.spawnP95Ms()));
    parts.add("first result p95 " + time(f.firstResultP95Ms()));
    parts.add("execute p95 " + time(f.executeP95Ms()));
    parts.add("hub API p95 " + time(f.hubApiP95Ms()));
    if (f.nodeWaitPercent() != null) {
      parts.add(String.format(java.util.Locale.ROOT, "%.0f %% of spawns waited for a node", f.nodeWaitPercent()));
    }
    return String.join(", ", parts);
  }

  private static String time(Long millis) {
    return millis == null ? "-" : ServiceLevels.time(millis);
  }
}
