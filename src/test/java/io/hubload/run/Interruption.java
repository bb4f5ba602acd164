package io.hubload.run;

import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;
import io.gatling.core.controller.Controller$Command$StopLoadGenerator;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.hubload.config.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Ctrl-C, a CI abort or a kill: what SIGINT and SIGTERM do to a run.
 *
 * <p>Left to the JVM, a signal ends it at once: Gatling buffers simulation.log, so the log is
 * empty and no report is written, and a soak test stopped at minute 55 leaves nothing to read.
 * Instead the first signal ends the run through Gatling's own stop (as load.max-duration does):
 * its users stop where they are, the log is flushed, the simulation's {@code after()} stops the
 * servers they left and gives the hub back, and the report covers the time the run ran. A second
 * signal, or the run still going {@link #BOUND} after the first, ends the JVM at once.
 */
public final class Interruption {

  /** How long the first signal gives the run to stop its users' servers and write its report. */
  public static final Duration BOUND = Duration.ofMinutes(2);

  /** What the run does when it is interrupted, and when it must end at once. */
  public interface Listener {
    /** The first signal: the run is about to stop; mark it, stop new spawns. */
    void interrupted(String signal);

    /** A second signal, or the bound passed: whatever can be ended in a moment, before the JVM halts. */
    void endingAtOnce(String why);
  }

  private static final AtomicReference<ActorRef<Controller.Command>> CONTROLLER = new AtomicReference<>();
  private static final AtomicInteger SIGNALS = new AtomicInteger();
  private static volatile String signal;

  private Interruption() {}

  /** Takes over SIGINT and SIGTERM for this run. */
  static void install(Listener listener) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), s -> onSignal("SIG" + s.getName(), 128 + s.getNumber(), listener));
      } catch (IllegalArgumentException e) {
        // The JVM or the OS keeps this signal (e.g. SIGINT ignored in a background job): the
        // shutdown hooks still stop the servers and the local hub.
      }
    }
  }

  /** The signal that interrupted the run, if one did. */
  public static Optional<String> signal() {
    return Optional.ofNullable(signal);
  }

  /**
   * An action builder that adds no action: building it hands this class Gatling's controller, the
   * actor that ends a run, which the Java DSL does not expose. Put it first in a scenario.
   */
  public static ActionBuilder attach() {
    return () ->
        new io.gatling.core.action.builder.ActionBuilder() {
          @Override
          public Action build(ScenarioContext ctx, Action next) {
            CONTROLLER.set(ctx.coreComponents().controller());
            return next;
          }
        };
  }

  /**
   * Ends the run through Gatling's own stop, as load.max-duration does, for a run that has its
   * answer before its plan is over (the capacity search at its first broken level): its users stop
   * where they are, and the simulation's {@code after()} stops the servers they left.
   */
  public static void stopLoadGenerator(String reason) {
    ActorRef<Controller.Command> controller = CONTROLLER.get();
    if (controller != null) {
      controller.$bang(new Controller$Command$StopLoadGenerator(reason, false));
    }
  }

  private static void onSignal(String name, int exitCode, Listener listener) {
    if (SIGNALS.incrementAndGet() > 1) {
      endAtOnce("a second signal (" + name + ")", exitCode, listener);
      return;
    }
    signal = name;
    System.out.println(
        "hubload: interrupted by "
            + name
            + ": stopping the run; its report will cover the time it ran. Its servers are stopped within "
            + Durations.format(BOUND)
            + "; a second signal ends it at once");
    System.out.flush();
    listener.interrupted(name);
    Thread watchdog =
        new Thread(
            () -> {
              sleep(BOUND);
              endAtOnce("the run still going " + Durations.format(BOUND) + " after " + name, exitCode, listener);
            },
            "hubload-interruption-bound");
    watchdog.setDaemon(true);
    watchdog.start();
    ActorRef<Controller.Command> controller = CONTROLLER.get();
    if (controller == null) {
      // Before the first user: nothing to report; the shutdown hooks give the hub back.
      System.exit(exitCode);
    } else {
      controller.$bang(new Controller$Command$StopLoadGenerator("interrupted by " + name, false));
    }
  }

  private static void endAtOnce(String why, int exitCode, Listener listener) {
    System.out.println("hubload: " + why + ": ending at once");
    System.out.flush();
    try {
      listener.endingAtOnce(why);
    } finally {
      Runtime.getRuntime().halt(exitCode);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
