package io.hubload.distributed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hubload.config.CollectSettings;
import io.hubload.config.Durations;
import io.hubload.config.InvalidSettingException;
import io.hubload.config.Settings;
import io.hubload.report.RunSummary;
import io.hubload.run.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The collector of a load made by several injectors (docs/distributed.md): an HTTP server that
 * takes each injector's run ({@code PUT /runs/<index>}, a zip of its run folder, as {@link Upload}
 * sends it) into collect.dir/injector-INDEX/, and once all collect.injectors have come (or
 * collect.timeout has passed) merges them into collect.dir/merged/ ({@link Merge}) and judges the
 * gate. It keeps serving for collect.linger, so that the result can be copied out, then ends with
 * the merge's exit code: 0 passed, 2 the gate failed, 1 no verdict, which it also writes, last, to
 * merged/exit-code.
 *
 * <p>{@code GET /healthz} answers 200 once it listens; {@code GET /status} says what has come.
 */
public final class Collector {

  /** Written into merged/ last: the collector's exit code, once the verdict is in. */
  public static final String EXIT_CODE_FILE = "exit-code";

  /** Where injectors PUT their runs: {@code /runs/<index>}. */
  static final String RUNS = "/runs/";

  /** A 409's words for a run that came already, followed by its folder's name: the upload is done. */
  static final String CAME_ALREADY = "has come already: ";

  /** A 409's words for a run still being read: the upload may try again. */
  static final String BEING_RECEIVED = "is being received";

  private final CollectSettings settings;
  private final double minOkPercent;
  private final java.time.Duration gatlingReport;
  private final PrintStream console;
  private final Map<Integer, Path> received = new TreeMap<>();
  /** Injectors whose upload is being read: a second one at the same time is refused. */
  private final java.util.Set<Integer> receiving = new java.util.HashSet<>();
  /** Set when the merge begins: what comes after is not in the result, and is refused. */
  private boolean closed;
  private final CountDownLatch all;

  Collector(CollectSettings settings, double minOkPercent, java.time.Duration gatlingReport, PrintStream console) {
    this.settings = settings;
    this.minOkPercent = minOkPercent;
    this.gatlingReport = gatlingReport;
    this.console = console;
    this.all = new CountDownLatch(settings.injectors());
  }

  public static void main(String[] args) {
    int code;
    try {
      Settings settings = Settings.read();
      code = new Collector(settings.collect(), settings.gate().minOkPercent(), settings.merge().gatlingReportTimeout(), System.out).run();
    } catch (InvalidSettingException e) {
      System.out.println("hubload: invalid setting " + e.getMessage());
      code = Merge.NO_VERDICT;
    } catch (IOException e) {
      System.out.println("hubload: collector: " + e.getMessage());
      code = Merge.NO_VERDICT;
    }
    System.out.flush();
    System.exit(code);
  }

  /** Serves, merges, lingers; returns the exit code. */
  int run() throws IOException {
    Files.createDirectories(settings.dir());
    HttpServer server = HttpServer.create(new InetSocketAddress(settings.port()), 16);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/healthz", exchange -> answer(exchange, 200, "ok\n"));
    server.createContext("/status", exchange -> answer(exchange, 200, status() + "\n"));
    server.createContext(RUNS, this::receive);
    server.start();
    console.println(
        "hubload: collector listening on port " + server.getAddress().getPort() + " for "
            + settings.injectors() + " injectors' runs, for at most " + Durations.format(settings.timeout()));
    int code = Merge.NO_VERDICT;
    Path merged = settings.dir().resolve("merged");
    try {
      boolean complete = all.await(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      List<Path> runs;
      synchronized (received) {
        closed = true;
        runs = new ArrayList<>(received.values());
      }
      if (!complete) {
        console.println("hubload: collector: collect.timeout (" + Durations.format(settings.timeout()) + ") passed; " + status());
      }
      if (runs.isEmpty()) {
        console.println("hubload: collector: no injector's run came: nothing to merge");
      } else {
        code = Merge.run(runs, merged, minOkPercent, gatlingReport, console);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Whatever the merge did: the verdict, last, for deploy/kubernetes/run.sh, and the runs kept
      // for collect.linger so that they can be copied out.
      try {
        Files.createDirectories(merged);
        Files.writeString(merged.resolve(EXIT_CODE_FILE), code + "\n");
        if (!settings.linger().isZero() && !Thread.currentThread().isInterrupted()) {
          console.println(
              "hubload: collector: the merged result stays in " + merged + " for "
                  + Durations.format(settings.linger()) + " (kubectl cp)");
          Thread.sleep(settings.linger().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
      }
    }
    return code;
  }

  private String status() {
    synchronized (received) {
      return "received " + received.size() + " of " + settings.injectors() + ": injectors " + received.keySet();
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("PUT")) {
        answer(exchange, 405, "PUT a run's zip to " + RUNS + "<index>\n");
        return;
      }
      String rest = exchange.getRequestURI().getPath().substring(RUNS.length());
      int index;
      try {
        index = Integer.parseInt(rest);
      } catch (NumberFormatException e) {
        answer(exchange, 404, "no such injector: " + rest + "\n");
        return;
      }
      if (index < 0 || index >= settings.injectors()) {
        answer(exchange, 404, "injector " + index + " is not one of 0 to " + (settings.injectors() - 1) + " (collect.injectors)\n");
        return;
      }
      synchronized (received) {
        if (closed) {
          answer(exchange, 410, "the merge has begun: injector " + index + "'s run is too late to be in it\n");
          return;
        }
        boolean again = received.containsKey(index);
        if (again || !receiving.add(index)) {
          // The same run again (an upload that timed out after it arrived) is taken as done.
          answer(exchange, 409, "injector " + index + "'s run " + (again ? CAME_ALREADY + received.get(index).getFileName() : BEING_RECEIVED) + "\n");
          return;
        }
      }
      Optional<Path> run = Optional.empty();
      try {
        Path into = settings.dir().resolve("injector-" + index);
        Path partial = settings.dir().resolve(".incoming-" + index);
        Folders.deleteTree(partial);
        try (InputStream body = new Capped(exchange.getRequestBody(), MAX_UPLOAD)) {
          Optional<Path> unzipped = unzip(body, partial);
          if (unzipped.isPresent()) {
            Folders.deleteTree(into);
            Files.move(partial, into, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            run = Optional.of(into.resolve(partial.relativize(unzipped.get())));
          }
        } catch (IOException e) {
          Folders.deleteTree(partial);
          answer(exchange, 400, "not a run's zip: " + e.getMessage() + "\n");
          return;
        }
        if (run.isEmpty()) {
          Folders.deleteTree(partial);
          answer(exchange, 400, "the zip holds no run folder with a " + RunSummary.FILE + "\n");
          return;
        }
        synchronized (received) {
          received.put(index, run.get());
        }
      } finally {
        synchronized (received) {
          receiving.remove(index);
        }
      }
      answer(exchange, 200, "received injector " + index + "'s run " + run.get().getFileName() + "\n");
      console.println("hubload: collector: injector " + index + "'s run " + run.get().getFileName() + " came; " + status());
      all.countDown();
    }
  }

  /** The most one upload may hold: a run folder is megabytes; more is not a run. */
  static final long MAX_UPLOAD = 1L << 30;

  /** A request body cut off, as an error, past a number of bytes. */
  private static final class Capped extends java.io.FilterInputStream {
    private final long max;
    private long left;

    Capped(InputStream in, long max) {
      super(in);
      this.max = max;
      this.left = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --left < 0) {
        throw new IOException("more than " + max + " bytes");
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && (left -= n) < 0) {
        throw new IOException("more than " + max + " bytes");
      }
      return n;
    }
  }

  /** Unzips a run into a folder; returns the run folder (the one holding summary.json). */
  static Optional<Path> unzip(InputStream zipped, Path into) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    Files.createDirectories(root);
    try (ZipInputStream zip = new ZipInputStream(zipped)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new IOException("entry outside the run: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    try (Stream<Path> files = Files.walk(root, 2)) {
      return files.filter(f -> f.getFileName().toString().equals(RunSummary.FILE)).map(Path::getParent).findFirst();
    }
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
