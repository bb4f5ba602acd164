package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubload.recorder.CdpConnection.CdpException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every target (tab, frame, worker) of the browser, attached as soon as it exists, with its
 * network events on, before it sends its first request.
 *
 * <p>How: the browser auto-attaches every new target to the connection in flat mode and holds
 * it before it runs ({@code waitForDebuggerOnStart}); on {@code Target.attachedToTarget} this
 * class turns the target's Network domain on, asks the same of the target's own children, and
 * only then lets it run ({@code Runtime.runIfWaitingForDebugger}). The commands of one session
 * are handled in order, so no request of a new tab is missed, not even its first document.
 */
final class CdpTargets {

  /**
   * An attached target: its session, its id, its type ("page", "iframe", "worker"...), the tab
   * that opened it (window.open) and the session it was attached under (null: the browser's).
   */
  record Target(String sessionId, String targetId, String type, String openerId, String parentSessionId) {}

  /** Targets whose requests go through the Network domain. */
  private static final Set<String> NETWORKED = Set.of("page", "iframe", "worker", "shared_worker", "service_worker");

  private final CdpConnection cdp;
  private final Map<String, Target> bySession = new ConcurrentHashMap<>();
  private final List<Target> inOrder = new CopyOnWriteArrayList<>();

  private CdpTargets(CdpConnection cdp) {
    this.cdp = cdp;
  }

  /** Starts attaching every target the browser has and will have. */
  static CdpTargets attachAll(CdpConnection cdp) throws CdpException {
    CdpTargets targets = new CdpTargets(cdp);
    cdp.onEvent(targets::onEvent);
    cdp.call("Target.setDiscoverTargets", CdpConnection.params().put("discover", true), null);
    cdp.call("Target.setAutoAttach", autoAttach(), null);
    return targets;
  }

  /** Opens a new tab on about:blank and returns its session, once attached. */
  CdpSession newTab(Duration bound) throws CdpException {
    String targetId =
        cdp.call("Target.createTarget", CdpConnection.params().put("url", "about:blank"), null).path("targetId").asText();
    return await(t -> t.targetId().equals(targetId), bound, "the new tab");
  }

  /** Closes the tabs Chromium opened by itself at start, so that only the journey's tabs exist. */
  void closeOtherTabs(CdpSession keep) throws CdpException {
    for (JsonNode info : cdp.call("Target.getTargets", CdpConnection.params(), null).path("targetInfos")) {
      String id = info.path("targetId").asText();
      if (info.path("type").asText().equals("page") && !id.equals(keep.targetId())) {
        cdp.call("Target.closeTarget", CdpConnection.params().put("targetId", id), null);
      }
    }
  }

  /** A tab that {@code opener} opened (window.open), once attached. */
  CdpSession awaitOpenedBy(CdpSession opener, Duration bound, String what) throws CdpException {
    return await(t -> t.type().equals("page") && opener.targetId().equals(t.openerId()), bound, what);
  }

  CdpConnection cdp() {
    return cdp;
  }

  /** Every target attached so far, in the order they were. */
  List<Target> all() {
    return List.copyOf(inOrder);
  }

  Optional<Target> bySession(String sessionId) {
    return Optional.ofNullable(sessionId == null ? null : bySession.get(sessionId));
  }

  private CdpSession await(Predicate<Target> wanted, Duration bound, String what) throws CdpException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      for (Target t : inOrder) {
        if (wanted.test(t)) {
          return new CdpSession(cdp, t.sessionId(), t.targetId());
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CdpException("interrupted");
      }
    }
    throw new CdpException(what + ": no such tab within " + bound.toSeconds() + " s");
  }

  private void onEvent(CdpConnection.Event event) {
    if (event.method().equals("Target.attachedToTarget")) {
      attached(event.params(), event.sessionId());
    }
  }

  /** Runs on the websocket's thread: sends, never waits (see {@link CdpConnection}). */
  private void attached(JsonNode params, String parentSessionId) {
    String sessionId = params.path("sessionId").asText();
    JsonNode info = params.path("targetInfo");
    Target target =
        new Target(
            sessionId,
            info.path("targetId").asText(),
            info.path("type").asText(),
            info.hasNonNull("openerId") ? info.get("openerId").asText() : null,
            parentSessionId);
    if (NETWORKED.contains(target.type())) {
      cdp.send("Network.enable", CdpConnection.params(), sessionId);
      cdp.send("Target.setAutoAttach", autoAttach(), sessionId);
    }
    cdp.send("Runtime.runIfWaitingForDebugger", CdpConnection.params(), sessionId);
    bySession.put(sessionId, target);
    inOrder.add(target);
  }

  private static ObjectNode autoAttach() {
    return CdpConnection.params().put("autoAttach", true).put("flatten", true).put("waitForDebuggerOnStart", true);
  }
}
