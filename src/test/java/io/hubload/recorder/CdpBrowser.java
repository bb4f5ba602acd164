package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubload.process.OwnedProcess;
import io.hubload.recorder.CdpConnection.CdpException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, started with a new empty profile and its DevTools protocol on a
 * free port, and ended, with every process it started and its profile, by {@link #close()} (or
 * by a JVM shutdown hook when the JVM ends first).
 */
final class CdpBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String LISTENING = "DevTools listening on ";
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  /**
   * This machine has no network: everything Chromium would fetch for itself (updates, sync,
   * QUIC probes) is turned off, so that the recording holds only what the pages ask for.
   */
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1400,1000",
          "--remote-debugging-port=0");

  private final Path profile;
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private OwnedProcess owned;
  private Process process;
  private CdpConnection cdp;

  private CdpBrowser(Path profile) {
    this.profile = profile;
  }

  /**
   * Starts Chromium and connects to it.
   *
   * @param timeout how long Chromium may take to offer its DevTools endpoint, and each command
   */
  static CdpBrowser launch(Duration timeout) throws IOException {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new CdpException("no " + CHROMIUM + " (apt-get install chromium)");
    }
    Path profile = Files.createTempDirectory("hubload-chromium-");
    List<String> command = new ArrayList<>();
    command.add(CHROMIUM.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add("about:blank");
    CdpBrowser browser = new CdpBrowser(profile);
    browser.owned =
        OwnedProcess.start(
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD), "hubload-chromium-stop", browser::end);
    browser.process = browser.owned.process();
    try {
      browser.cdp = CdpConnection.open(browser.endpoint(timeout), timeout);
      return browser;
    } catch (IOException | RuntimeException e) {
      browser.close();
      throw e;
    }
  }

  CdpConnection cdp() {
    return cdp;
  }

  boolean isAlive() {
    return process.isAlive() && cdp.isOpen();
  }

  /** What Chromium says it is: {@code Browser.getVersion}'s product and user agent. */
  JsonNode version() throws CdpException {
    return cdp.call("Browser.getVersion", CdpConnection.params(), null);
  }

  /**
   * Reads Chromium's stderr, all of it (a full pipe would stop Chromium), until it names its
   * DevTools websocket; the last lines are kept to say why it did not start.
   */
  private URI endpoint(Duration timeout) throws CdpException {
    CompletableFuture<URI> endpoint = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                  if (line.startsWith(LISTENING)) {
                    endpoint.complete(URI.create(line.substring(LISTENING.length()).strip()));
                  }
                  remember(line);
                }
              } catch (IOException e) {
                // Chromium has gone: said below
              }
              endpoint.completeExceptionally(new CdpException("Chromium ended before offering its DevTools endpoint"));
            },
            "hubload-chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      String why =
          e instanceof TimeoutException
              ? "no DevTools endpoint within " + timeout.toSeconds() + " s"
              : e.getCause().getMessage();
      throw new CdpException("Chromium did not start: " + why + "; its stderr ended with: " + lastLine());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException("interrupted while starting Chromium");
    }
  }

  private synchronized void remember(String line) {
    // Debian's launcher and D-Bus, absent here, say things that are never the reason.
    if (line.isBlank() || line.contains("dbus") || line.startsWith("/usr/bin/chromium:")) {
      return;
    }
    stderrTail.addLast(line.strip());
    if (stderrTail.size() > 5) {
      stderrTail.removeFirst();
    }
  }

  private synchronized String lastLine() {
    return stderrTail.isEmpty() ? "(nothing)" : stderrTail.getLast();
  }

  /**
   * Asks Chromium to close, waits a little, then ends it and whatever of its processes is left
   * (renderers, zygotes, the crash handler), and removes the profile. Never throws.
   */
  @Override
  public void close() {
    owned.close();
  }

  /** What {@link #close()} and the JVM's shutdown hook do, once (see {@link OwnedProcess}). */
  private synchronized void end(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    if (cdp != null) {
      cdp.send("Browser.close", CdpConnection.params(), null);
    }
    waitForExit();
    if (cdp != null) {
      cdp.close();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    deleteProfile();
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder: the system's cleanup will have it
    }
  }
}
