package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubload.recorder.CdpConnection.CdpException;
import java.time.Duration;

/**
 * One tab of the browser, reached through its flat-mode session: what a script does with a page
 * (evaluate JavaScript, wait for a condition, navigate) and what a person does (click, type).
 */
final class CdpSession {

  private static final long POLL_MILLIS = 200;

  private final CdpConnection cdp;
  private final String sessionId;
  private final String targetId;

  CdpSession(CdpConnection cdp, String sessionId, String targetId) {
    this.cdp = cdp;
    this.sessionId = sessionId;
    this.targetId = targetId;
  }

  String sessionId() {
    return sessionId;
  }

  String targetId() {
    return targetId;
  }

  JsonNode call(String method, ObjectNode params) throws CdpException {
    return cdp.call(method, params, sessionId);
  }

  /**
   * The value of a JavaScript expression in the page (a promise is awaited), as JSON.
   *
   * @throws CdpException when it throws, or while the page is between two documents
   */
  JsonNode evaluate(String expression) throws CdpException {
    ObjectNode params =
        CdpConnection.params()
            .put("expression", expression)
            .put("returnByValue", true)
            .put("awaitPromise", true);
    JsonNode result = call("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      JsonNode details = result.get("exceptionDetails");
      String text = details.path("exception").path("description").asText(details.path("text").asText("exception"));
      throw new CdpException("the page's script threw: " + text.lines().findFirst().orElse(text));
    }
    return result.path("result").path("value");
  }

  /**
   * Waits until a JavaScript expression has a truthy value, asking every 200 ms (a page being
   * replaced by the next one simply answers later), and returns that value.
   *
   * @param what what is awaited, with the setting that bounds it, for the failure's message
   * @throws CdpException when the bound is reached, naming {@code what} and the last error seen
   */
  JsonNode waitFor(String expression, Duration bound, String what) throws CdpException {
    long deadline = System.nanoTime() + bound.toNanos();
    String lastError = null;
    while (true) {
      try {
        JsonNode value = evaluate(expression);
        if (truthy(value)) {
          return value;
        }
      } catch (CdpException e) {
        if (!cdp.isOpen()) {
          throw e;
        }
        lastError = e.getMessage();
      }
      if (System.nanoTime() >= deadline) {
        throw new CdpException(
            what + ": not within " + bound.toSeconds() + " s; the tab is at " + whereAmI()
                + (lastError == null ? "" : " (last: " + lastError + ")"));
      }
      sleep(POLL_MILLIS);
    }
  }

  /** The page's path and title, for a failure's message (never its query: it may hold a code). */
  private String whereAmI() {
    try {
      return evaluate("location.pathname + ' (' + JSON.stringify(document.title) + ')'").asText();
    } catch (CdpException e) {
      return "(unknown: " + e.getMessage() + ")";
    }
  }

  void navigate(String url) throws CdpException {
    JsonNode result = call("Page.navigate", CdpConnection.params().put("url", url));
    if (result.hasNonNull("errorText")) {
      throw new CdpException("cannot open " + url + ": " + result.get("errorText").asText());
    }
  }

  /**
   * Clicks the element that {@code selector} finds, as a mouse does (move, press, release on its
   * middle), once it is visible: the page sees a trusted click, a user gesture that may open a tab.
   */
  void click(String selector, Duration bound, String what) throws CdpException {
    JsonNode point =
        waitFor(
            "(() => { const e = document.querySelector(" + jsString(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center'});"
                + " const r = e.getBoundingClientRect(); if (r.width === 0 || r.height === 0) return null;"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()",
            bound,
            what);
    double x = point.get("x").asDouble();
    double y = point.get("y").asDouble();
    mouse("mouseMoved", x, y);
    mouse("mousePressed", x, y);
    mouse("mouseReleased", x, y);
  }

  /** Types text into the focused element, as a keyboard's input method does. */
  void insertText(String text) throws CdpException {
    call("Input.insertText", CdpConnection.params().put("text", text));
  }

  /** Presses a key with modifiers (1 Alt, 2 Ctrl, 4 Meta, 8 Shift), e.g. Shift+Enter. */
  void pressKey(String key, int keyCode, int modifiers) throws CdpException {
    ObjectNode down =
        CdpConnection.params()
            .put("type", "rawKeyDown")
            .put("key", key)
            .put("code", key)
            .put("windowsVirtualKeyCode", keyCode)
            .put("modifiers", modifiers);
    call("Input.dispatchKeyEvent", down);
    if (keyCode == 13) {
      call("Input.dispatchKeyEvent", down.deepCopy().put("type", "char").put("text", "\r"));
    }
    call("Input.dispatchKeyEvent", down.deepCopy().put("type", "keyUp"));
  }

  private void mouse(String type, double x, double y) throws CdpException {
    ObjectNode params = CdpConnection.params().put("type", type).put("x", x).put("y", y);
    if (!type.equals("mouseMoved")) {
      params.put("button", "left").put("clickCount", 1);
    }
    call("Input.dispatchMouseEvent", params);
  }

  /** A Java string as a JavaScript string literal. */
  static String jsString(String s) {
    return CdpConnection.JSON.getNodeFactory().textNode(s).toString();
  }

  private static boolean truthy(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isNumber()) {
      return value.asDouble() != 0;
    }
    if (value.isTextual()) {
      return !value.asText().isEmpty();
    }
    return true;
  }

  private static void sleep(long millis) throws CdpException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException("interrupted");
    }
  }
}
