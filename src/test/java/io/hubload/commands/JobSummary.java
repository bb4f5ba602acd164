package io.hubload.commands;

import io.hubload.capacity.LevelFigures;
import io.hubload.capacity.Verdict;
import io.hubload.report.EntryStats;
import io.hubload.report.RunFacts;
import io.hubload.report.RunFolders;
import io.hubload.report.RunSummary;
import io.hubload.run.ProjectPaths;
import io.hubload.run.RunReports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's summary.json as GitHub-flavoured Markdown, for a CI job's summary page: the run's
 * description, for a capacity search its verdict in bold and a row per level, and the main
 * entries' count, KO and p95. Appends to the file named by {@code GITHUB_STEP_SUMMARY} when that
 * is set (as GitHub Actions sets it for each step), else prints to stdout.
 *
 * <p>Run it with {@code mvn test-compile exec:java@job-summary}: the newest run in reports/, or
 * the run named by its one argument ({@code -Dexec.args=reports/RUN}, a run folder or a
 * summary.json). Exit code 0 when written, 1 (one line saying why) when there is no readable
 * summary.
 */
public final class JobSummary {

  /** Where GitHub Actions wants a step's summary written (a file, appended to). */
  public static final String ENVIRONMENT = "GITHUB_STEP_SUMMARY";

  /** Exit codes. */
  public static final int WRITTEN = 0;
  public static final int NO_SUMMARY = 1;

  /** The entries every run's table shows, when the run has them. */
  static final List<String> MAIN_ENTRIES = List.of("All Requests", "spawn to ready", "execute");

  private JobSummary() {}

  /**
   * Writes the Markdown of a run.
   *
   * @param run a run folder or summary.json; empty: the newest run in {@code reports}
   * @param target the file to append to; empty: {@code out}
   * @param out where the Markdown goes without a target, and the one line of a failure
   * @return the exit code, {@link #WRITTEN} or {@link #NO_SUMMARY}
   */
  public static int write(Optional<Path> run, Path reports, Optional<Path> target, PrintStream out) {
    RunFolders.Run found;
    try {
      found = run.isPresent() ? RunFolders.locate(run.get()) : RunFolders.newest(reports, line -> out.println("hubload: job summary: " + line));
    } catch (IOException e) {
      out.println("hubload: job summary: " + e.getMessage());
      return NO_SUMMARY;
    }
    String markdown = markdown(found.summary());
    if (target.isEmpty()) {
      out.print(markdown);
      out.flush();
      return WRITTEN;
    }
    try {
      Files.writeString(target.get(), markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      out.println("hubload: job summary: could not append to " + target.get() + " (" + ENVIRONMENT + "): " + e);
      return NO_SUMMARY;
    }
    out.println("hubload: job summary of " + found.name() + " appended to " + ENVIRONMENT);
    return WRITTEN;
  }

  /** The Markdown of one run's summary. */
  public static String markdown(RunSummary summary) {
    RunFacts facts = summary.run();
    StringBuilder md = new StringBuilder();
    String profile = facts.profile() == null ? "?" : facts.profile().name();
    md.append("## hubload: ").append(inline(profile)).append(" run ").append(inline(orQuestion(facts.gatlingRun()))).append("\n\n");
    Verdict verdict = summary.capacity();
    if (verdict != null) {
      md.append("**").append(inline(verdict.line()).replace("*", "\\*")).append("**\n\n");
    }
    md.append(inline(RunReports.describe(facts))).append("\n\n");
    md.append(inline(
            facts.simulation() + ", started " + when(facts.start())
                + (facts.commit() == null ? "" : ", commit " + facts.commit().substring(0, Math.min(10, facts.commit().length())))
                + "; at most " + summary.peakConcurrentUsers() + " users at once"))
        .append("\n\n");
    if (verdict != null) {
      levels(md, verdict);
    }
    entries(md, summary);
    return md.toString();
  }

  private static void levels(StringBuilder md, Verdict verdict) {
    md.append("### Levels\n\n");
    md.append("| Users | Outcome | Arrived | Without a result | Spawn to ready p95 | First result p95 | Execute p95 | Hub API p95 | What broke |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
    Verdict.Limits limits = verdict.limits();
    if (limits != null) {
      row(md, "limit", "", "",
          limits.failedUsersPercent() == null ? "off" : "at most " + percent(limits.failedUsersPercent()),
          limit(limits.spawnP95Ms()), limit(limits.firstResultP95Ms()), limit(limits.executeP95Ms()), limit(limits.hubApiP95Ms()), "");
    }
    for (Verdict.Level level : verdict.levels()) {
      LevelFigures f = level.figures();
      row(md,
          Integer.toString(level.users()),
          outcome(level.outcome()),
          f == null ? "–" : Integer.toString(f.arrived()),
          f == null ? "–" : f.failed() + " (" + percent(f.failedPercent()) + ")",
          f == null ? "–" : millis(f.spawnP95Ms()),
          f == null ? "–" : millis(f.firstResultP95Ms()),
          f == null ? "–" : millis(f.executeP95Ms()),
          f == null ? "–" : millis(f.hubApiP95Ms()),
          level.broken() == null ? "" : String.join("; ", level.broken()));
    }
    md.append('\n');
  }

  private static void entries(StringBuilder md, RunSummary summary) {
    md.append("### Main entries\n\n");
    md.append("| Entry | Count | KO | p95 |\n");
    md.append("|---|---:|---:|---:|\n");
    for (String name : MAIN_ENTRIES) {
      Optional<EntryStats> entry = summary.entry(name);
      if (entry.isPresent()) {
        EntryStats e = entry.get();
        String ko = e.ko() + (e.ko() == 0 ? "" : " (" + percent(e.koPercent()) + ")");
        row(md, name, Long.toString(e.count()), ko, millis((long) e.p95()));
      } else {
        row(md, name, "not in this run", "", "");
      }
    }
    md.append('\n');
  }

  private static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell(cell)).append(" |");
    }
    md.append('\n');
  }

  /**
   * A table cell's text: a {@code |} would end the cell and a line break the row, so they are
   * escaped ({@code \|}, {@code <br>}); {@code <} and {@code >} are shown, not taken as HTML.
   */
  static String cell(String text) {
    return text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r\n", "<br>")
        .replace("\n", "<br>")
        .replace("\r", "<br>");
  }

  /** Running text: one paragraph, whatever it holds. */
  static String inline(String text) {
    return text.replace("<", "&lt;").replace(">", "&gt;").replaceAll("\\R", " ");
  }

  private static String outcome(Verdict.Outcome outcome) {
    if (outcome == null) {
      return "?";
    }
    return switch (outcome) {
      case HELD -> "held";
      case BROKE -> "**broke**";
      case NOT_JUDGED -> "not judged";
    };
  }

  private static String limit(Long ms) {
    return ms == null ? "off" : millis(ms);
  }

  /** 74 ms, 6.9 s, 30 s; – where there is no figure. */
  static String millis(Long ms) {
    if (ms == null) {
      return "–";
    }
    if (ms < 1000) {
      return ms + " ms";
    }
    String seconds = String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    return (seconds.endsWith(".0") ? seconds.substring(0, seconds.length() - 2) : seconds) + " s";
  }

  private static String percent(double value) {
    String text = String.format(Locale.ROOT, "%.1f", value);
    return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + " %";
  }

  /** 2026-12-05 06:31 UTC, from the ISO instant summary.json holds. */
  private static String when(String iso) {
    if (iso == null || iso.length() < 16) {
      return orQuestion(iso);
    }
    return iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
  }

  private static String orQuestion(String text) {
    return text == null ? "?" : text;
  }

  /** The command line entry; ends the JVM with the exit code (0 or 1). */
  public static void main(String[] args) {
    Optional<Path> run = args.length > 0 && !args[0].isBlank() ? Optional.of(Path.of(args[0])) : Optional.empty();
    Optional<Path> target = Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(s -> !s.isBlank()).map(Path::of);
    int code = write(run, ProjectPaths.reports(), target, System.out);
    System.out.flush();
    System.exit(code);
  }
}
