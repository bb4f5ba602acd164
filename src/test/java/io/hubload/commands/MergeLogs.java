package io.hubload.commands;

import io.hubload.report.GatlingLogMerge;
import io.hubload.report.SimulationLog;
import io.hubload.run.GatlingJvm;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several runs' simulation.log as one Gatling report: {@code MergeLogs <out-run-folder> <log or
 * run folder>...} writes {@code <out-run-folder>/simulation.log} ({@link GatlingLogMerge}: the
 * first log's Run record, times rebased to the earliest start) and then has Gatling's reports-only
 * mode ({@code -ro}) render it in that folder, in a child JVM (Gatling's main exits its JVM) with the
 * flags the Gatling plugin gives Gatling, bounded by {@code -Dhubload.mergeLogs.timeoutSeconds}
 * (600 by default).
 *
 * <p>Exit 0: the report is written (Gatling's own assertions, the first log's, may have failed: one
 * line says so, the gate is not judged here); 1: it is not (an input missing or unreadable, another
 * Gatling version, the output folder already holding a simulation.log, Gatling failing or timing
 * out).
 *
 * <p>Run it with the test classpath, e.g. {@code java -cp target/test-classes:$(cat cp.txt)
 * --add-opens=java.base/java.lang=ALL-UNNAMED io.hubload.commands.MergeLogs out run1 run2} after
 * {@code mvn test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test}.
 */
public final class MergeLogs {

  public static final int WRITTEN = 0;
  public static final int FAILED = 1;

  /** Gatling's exit code when the run's assertions failed (io.gatling.app.cli.StatusCode). */
  private static final int GATLING_ASSERTIONS_FAILED = 2;

  private MergeLogs() {}

  public static int run(List<String> args, long timeoutSeconds, PrintStream console) {
    if (args.size() < 2) {
      console.println("usage: MergeLogs <out-run-folder> <simulation.log or run folder>...");
      return FAILED;
    }
    Path out = Path.of(args.get(0)).toAbsolutePath().normalize();
    List<Path> logs = new ArrayList<>();
    for (String arg : args.subList(1, args.size())) {
      Path in = Path.of(arg);
      Path log = Files.isDirectory(in) ? in.resolve(SimulationLog.FILE) : in;
      if (!Files.isRegularFile(log)) {
        console.println("hubload: no simulation.log at " + log);
        return FAILED;
      }
      logs.add(log);
    }
    Path merged = out.resolve(SimulationLog.FILE);
    if (Files.exists(merged)) {
      console.println("hubload: " + merged + " exists already: give a new folder");
      return FAILED;
    }
    try {
      Files.createDirectories(out);
      long started = System.nanoTime();
      GatlingLogMerge.merge(logs, merged);
      console.printf("hubload: merged %d logs into %s in %d ms%n", logs.size(), merged, (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      console.println("hubload: cannot merge the logs: " + e.getMessage());
      return FAILED;
    }
    return render(out, timeoutSeconds, console);
  }

  /** Gatling's reports-only mode on {@code run}/simulation.log, in a child JVM. */
  static int render(Path run, long timeoutSeconds, PrintStream console) {
    List<String> command = javaCommand();
    command.add("io.gatling.app.Gatling");
    command.addAll(List.of("-ro", run.getFileName().toString(), "-rf", run.getParent().toString()));
    try {
      Path output = run.resolve("gatling-ro.txt");
      Process gatling = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!gatling.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        gatling.destroyForcibly();
        console.println("hubload: Gatling's reports-only mode took more than " + timeoutSeconds + " s; its output: " + output);
        return FAILED;
      }
      int code = gatling.exitValue();
      Path index = run.resolve("index.html");
      if ((code == 0 || code == GATLING_ASSERTIONS_FAILED) && Files.isRegularFile(index)) {
        if (code == GATLING_ASSERTIONS_FAILED) {
          console.println("hubload: Gatling's assertions (the first log's) failed on the merged run");
        }
        console.println("hubload: Gatling's report of the merged run in " + index);
        return WRITTEN;
      }
      console.println("hubload: Gatling's reports-only mode ended with " + code + ", no report; its output: " + output);
      return FAILED;
    } catch (IOException e) {
      console.println("hubload: cannot start Gatling's reports-only mode: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  /**
   * A child JVM of this one's Java, with this JVM's classpath and the options the Gatling plugin
   * gives Gatling, to which the caller adds the main class and its arguments.
   */
  private static List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(GatlingJvm.OPTIONS);
    command.add("-cp");
    command.add(classpath());
    return command;
  }

  /**
   * This JVM's classpath: java.class.path, or, when the tools run in Maven's JVM (exec:java, whose
   * java.class.path is Maven's own), the URLs of the class loader that loaded this class.
   */
  private static String classpath() {
    if (MergeLogs.class.getClassLoader() instanceof URLClassLoader loader && loader != ClassLoader.getSystemClassLoader()) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file: not for a classpath
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  /**
   * The merge and the report in a child JVM, with the flags Gatling's reader needs (which the JVM
   * asking may lack: Maven's, under exec:java), its output passed on to {@code console}.
   *
   * @param timeout the bound on the merge and on the report, each
   * @return {@link #WRITTEN} or {@link #FAILED}
   */
  public static int inChildJvm(Path out, List<Path> runs, java.time.Duration timeout, PrintStream console) {
    List<String> command = javaCommand();
    command.add("-Dhubload.mergeLogs.timeoutSeconds=" + timeout.toSeconds());
    command.add(MergeLogs.class.getName());
    command.add(out.toString());
    runs.forEach(run -> command.add(run.toString()));
    try {
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      // Two bounds (the merge, the report) and the child's start: then it is ended.
      long bound = 2 * timeout.toMillis() + 30_000;
      Thread pump = new Thread(() -> {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
          lines.lines().forEach(console::println);
        } catch (IOException e) {
          // the child ended: nothing more to pass on
        }
      }, "hubload-merge-logs-output");
      pump.setDaemon(true);
      pump.start();
      if (!child.waitFor(bound, TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
        console.println("hubload: the merge of the logs took more than " + bound / 1000 + " s: no Gatling report");
        return FAILED;
      }
      pump.join(5_000);
      return child.exitValue() == WRITTEN ? WRITTEN : FAILED;
    } catch (IOException e) {
      console.println("hubload: cannot start the merge of the logs: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  public static void main(String[] args) {
    long timeout = Long.getLong("hubload.mergeLogs.timeoutSeconds", 600);
    int code = run(List.of(args), timeout, System.out);
    System.out.flush();
    System.exit(code);
  }
}
