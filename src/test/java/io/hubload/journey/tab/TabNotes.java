package io.hubload.journey.tab;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the run learns about the server its users' tabs talk to, said once per run on the console:
 * the endpoints it does not serve (a JupyterLab API on a classic notebook server, terminals where
 * they are disabled), which every tab then leaves out, so that what the load lacks is never silent;
 * and the kernel protocol it speaks.
 */
public final class TabNotes {

  private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
  private static final Set<String> NOT_SERVED = ConcurrentHashMap.newKeySet();

  private TabNotes() {}

  /**
   * The server answered 404 for {@code request} (e.g. "GET api/me"); {@code without} says what
   * the tabs do without it.
   */
  public static void notServed(String request, String without, PrintStream out) {
    NOT_SERVED.add(request);
    once("tab: this server does not serve " + request + " (HTTP 404): " + without, out);
  }

  /** The kernel protocol a user's websocket speaks, and why. */
  public static void kernelProtocol(String protocol, String why, PrintStream out) {
    once("tab: the kernel websocket speaks " + protocol + " (" + why + ")", out);
  }

  private static void once(String line, PrintStream out) {
    if (SAID.add(line)) {
      out.println(line);
    }
  }

  /** Whether a tab met a 404 for this request already in this run: later tabs leave it out from their start. */
  public static boolean isNotServed(String request) {
    return NOT_SERVED.contains(request);
  }

  /** The requests left out so far in this run, in no order. */
  public static List<String> notServed() {
    return List.copyOf(NOT_SERVED);
  }
}
