package io.hubload.testing;

import io.hubload.run.GatlingJvm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a simulation the way the Maven plugin does: Gatling's main class in a JVM of its own, since
 * Gatling ends its JVM when a run is over. Settings are passed as -D properties; output goes to
 * files under target/it/ so that a failing test can point at them.
 */
public final class ForkedGatling {

  private static final Path BASEDIR = Path.of(System.getProperty("hubload.basedir", "")).toAbsolutePath();
  private static final Path WORK = BASEDIR.resolve("target").resolve("it");

  private final String simulation;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private boolean ownProcessGroup;

  private ForkedGatling(String simulation) {
    this.simulation = simulation;
  }

  /** A run of {@code io.hubload.simulations.<simpleName>}. */
  public static ForkedGatling simulation(String simpleName) {
    return new ForkedGatling("io.hubload.simulations." + simpleName);
  }

  public ForkedGatling set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  public ForkedGatling env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * Runs the JVM as the leader of a process group of its own (util-linux's setsid), as a terminal
   * or a CI agent runs a build: a signal can then go to the whole group, local hub included.
   */
  public ForkedGatling inOwnProcessGroup() {
    ownProcessGroup = true;
    return this;
  }

  /** Starts the run and returns at once. */
  public Running start() throws IOException {
    Files.createDirectories(WORK);
    String id = simulation.substring(simulation.lastIndexOf('.') + 1) + "-" + System.nanoTime();
    Path stdout = WORK.resolve(id + ".out");
    Path stderr = WORK.resolve(id + ".err");
    List<String> command = new ArrayList<>();
    if (ownProcessGroup) {
      // Not a group leader when started from here, so setsid makes the session in place: the pid
      // stays the JVM's. SIGINT back to its default, as in a terminal: a build started in the
      // background of a shell without job control inherits it ignored.
      command.addAll(List.of("setsid", "env", "--default-signal=INT"));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(GatlingJvm.OPTIONS);
    command.add("-cp");
    command.add(testClasspath());
    command.add("-Dhubload.basedir=" + BASEDIR);
    // A results folder per run: the run's reports are copied from the newest run folder in it, and
    // test classes run side by side (failsafe's junit.jupiter.execution.parallel settings).
    Path results = WORK.resolve("gatling").resolve(id);
    command.add("-Dhubload.gatlingResults=" + results);
    command.add("-Dhubload.reports=" + WORK.resolve("reports"));
    settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("io.gatling.app.Gatling");
    command.addAll(List.of("-s", simulation, "-rf", results.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(BASEDIR.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(environment);
    return new Running(builder.start(), stdout, stderr);
  }

  /** Runs to the end, or kills the run after {@code timeout}. */
  public Result run(Duration timeout) throws IOException, InterruptedException {
    return start().await(timeout);
  }

  /** Kills a process, what it started, and what the local hubs of any of them started. */
  public static void killTree(ProcessHandle process) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process);
    process.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : tree) {
      io.hubload.localhub.ProcessSweeper.ownedBy(p.pid()).forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** The classpath of the tests: Surefire and Failsafe put it in java.class.path. */
  private static String testClasspath() {
    String cp = System.getProperty("java.class.path");
    if (!cp.contains("gatling-app")) {
      throw new IllegalStateException("Gatling is not on java.class.path: " + cp);
    }
    return cp;
  }

  /** A run in progress. */
  public static final class Running {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    Running(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    public long pid() {
      return process.pid();
    }

    public Process process() {
      return process;
    }

    /**
     * For a test's finally block: ends the run's JVM if it still runs, and every process its local
     * hub left, so that a failed test does not leave hubs, servers or kernels behind.
     */
    public void killEverything() {
      killTree(process.toHandle());
    }

    /**
     * Sends a signal (TERM, INT, KILL) to the run's process group, as Ctrl-C in a terminal or a
     * CI abort does; the run must have been started {@link #inOwnProcessGroup}.
     */
    public void signalGroup(String signal) throws IOException, InterruptedException {
      Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IOException("kill -" + signal + " -" + process.pid() + " failed");
      }
    }

    public String stdoutSoFar() throws IOException {
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    public Result await(Duration timeout) throws IOException, InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killEverything();
        throw new AssertionError("the run did not end within " + timeout + "; output in " + stdout);
      }
      return new Result(
          process.exitValue(),
          process.pid(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8),
          stdout.toFile());
    }
  }

  /** How a run ended and what it printed. */
  public record Result(int exitCode, long pid, String stdout, String stderr, File stdoutFile) {

    private static final Pattern ENTRY =
        Pattern.compile("^> (.+?)\\s+\\|\\s+([\\d,]+) \\|\\s+([\\d,]+) \\|\\s+([\\d,-]+)\\s*$");

    /**
     * Counts per report entry from the last console summary: name -> {total, ok, ko}, e.g.
     * {@code "execute / execute" -> [3, 0, 3]}.
     */
    public Map<String, long[]> entries() {
      String[] blocks = stdout.split("---- Requests -+\\|---Total---\\|-----OK----\\|----KO----");
      Map<String, long[]> entries = new LinkedHashMap<>();
      if (blocks.length < 2) {
        return entries;
      }
      for (String line : blocks[blocks.length - 1].split("\n")) {
        if (line.startsWith("----")) {
          break;
        }
        Matcher m = ENTRY.matcher(line);
        if (m.matches()) {
          entries.put(
              m.group(1).strip(),
              new long[] {number(m.group(2)), number(m.group(3)), number(m.group(4))});
        }
      }
      return entries;
    }

    /**
     * The KO messages of the run, whole: from the errors table of its HTML report, or, when it
     * wrote none, from the last console summary (which wraps a long message onto the next lines,
     * losing the space at the wrap).
     */
    public List<String> errors() {
      if (stdout.contains("hubload: report in ")) {
        try {
          String html = Files.readString(reportDir().resolve("index.html"), StandardCharsets.UTF_8);
          Matcher m = Pattern.compile("error-col-1 total ko\">(.*?)<span").matcher(html);
          List<String> errors = new ArrayList<>();
          while (m.find()) {
            errors.add(
                m.group(1)
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&#x27;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"));
          }
          return errors;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      int at = stdout.lastIndexOf("---- Errors ---");
      List<String> errors = new ArrayList<>();
      if (at < 0) {
        return errors;
      }
      for (String line : stdout.substring(at).split("\n")) {
        if (line.startsWith("=====")) {
          break;
        }
        if (line.startsWith("> ")) {
          errors.add(line.substring(2));
        } else if (!errors.isEmpty() && !line.isBlank()) {
          errors.set(errors.size() - 1, errors.get(errors.size() - 1) + line);
        }
      }
      // Each message is followed by its count and share: "message    2 (66.67%)".
      return errors.stream().map(e -> e.replaceAll("\\s+\\d+\\s+\\(\\s*[\\d.]+%\\)", "")).toList();
    }

    /** The KO count of the whole run, from the last console summary. */
    public long koCount() {
      Matcher m = Pattern.compile("> request count\\s+\\|\\s+[\\d,]+ \\|\\s+[\\d,]+ \\|\\s+([\\d,-]+)").matcher(stdout);
      long ko = -1;
      while (m.find()) {
        ko = number(m.group(1));
      }
      return ko;
    }

    /** The run's folder under the test reports, from the line the run printed about it. */
    public Path reportDir() {
      Matcher m = Pattern.compile("hubload: report in (.+)/index\\.html").matcher(stdout);
      if (!m.find()) {
        throw new AssertionError("the run printed no report folder; output in " + stdoutFile);
      }
      return BASEDIR.resolve(m.group(1));
    }

    /** Lines of stderr that are not JVM chatter. */
    public List<String> errorLines() {
      List<String> lines = new ArrayList<>();
      for (String line : stderr.split("\n")) {
        if (!line.isBlank() && !line.contains("java.util.prefs") && !line.startsWith("INFO: Created user preferences")) {
          lines.add(line);
        }
      }
      return lines;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ", output in " + stdoutFile;
    }

    private static long number(String s) {
      return s.equals("-") ? 0 : Long.parseLong(s.replace(",", ""));
    }
  }
}
