package io.hubload.process;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A process the suite starts and must end: the local hub, the recorder's Chromium. It is ended
 * once, by {@link #close()}, or by a JVM shutdown hook when the JVM ends first (the run's end,
 * Ctrl-C, a failed start), so that no process outlives the run that started it. How it is ended
 * (a signal, a grace period, its children, its files) is the owner's {@code ending}, given the
 * process.
 */
public final class OwnedProcess implements AutoCloseable {

  private final Process process;
  private final Consumer<Process> ending;
  private final Thread shutdownHook;
  private boolean closed;

  private OwnedProcess(Process process, Consumer<Process> ending, String hookName) {
    this.process = process;
    this.ending = ending;
    this.shutdownHook = new Thread(this::close, hookName);
  }

  /**
   * Starts the process and registers its shutdown hook.
   *
   * @param hookName the name of the shutdown hook's thread, e.g. {@code hubload-localhub-stop}
   * @param ending what ends the process and whatever it started; run once, never concurrently
   */
  public static OwnedProcess start(ProcessBuilder builder, String hookName, Consumer<Process> ending) throws IOException {
    OwnedProcess owned = new OwnedProcess(builder.start(), ending, hookName);
    Runtime.getRuntime().addShutdownHook(owned.shutdownHook);
    return owned;
  }

  public Process process() {
    return process;
  }

  /** Ends the process as its owner said, once; the shutdown hook is no longer needed after. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (Thread.currentThread() != shutdownHook) {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      }
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook, or the hook is running
    }
    ending.accept(process);
  }
}
