package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A Chrome DevTools Protocol client: one websocket to the browser's endpoint, over which every
 * target is reached in "flat" mode (a command for a tab carries the tab's {@code sessionId}).
 *
 * <p>Commands are sent in order and answered by id; events go to the listeners, on the
 * websocket's own thread, so a listener must not wait for the answer of a command it sends (it
 * would wait for itself): it may send with {@link #send} and not look at the future.
 */
final class CdpConnection implements AutoCloseable {

  /** An event of the protocol: its method, its parameters, and the session it came from (null: the browser). */
  record Event(String method, JsonNode params, String sessionId) {}

  static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final Duration timeout;
  private volatile WebSocket socket;
  private volatile String closedBecause;
  /** The JDK's websocket refuses a send while the previous one is still being written: sends are chained. */
  private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

  private CdpConnection(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Connects to a browser's DevTools websocket.
   *
   * @param timeout the bound on the connection and, by default, on every command's answer
   */
  static CdpConnection open(URI endpoint, Duration timeout) throws IOException {
    CdpConnection cdp = new CdpConnection(timeout);
    try {
      cdp.socket =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .build()
              .newWebSocketBuilder()
              .connectTimeout(timeout)
              .buildAsync(endpoint, cdp.new Receiver())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new CdpException("cannot connect to the browser's DevTools endpoint: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException("interrupted while connecting to the browser");
    }
    return cdp;
  }

  /** Calls {@code listener} with every event from now on. */
  void onEvent(Consumer<Event> listener) {
    listeners.add(listener);
  }

  /** Whether the browser is still connected. */
  boolean isOpen() {
    return closedBecause == null;
  }

  /** A command, answered within the connection's timeout. */
  JsonNode call(String method, ObjectNode params, String sessionId) throws CdpException {
    return call(method, params, sessionId, timeout);
  }

  /**
   * A command, and its result.
   *
   * @throws CdpException when the browser answers with an error, or not within {@code bound}
   */
  JsonNode call(String method, ObjectNode params, String sessionId, Duration bound) throws CdpException {
    try {
      return send(method, params, sessionId).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof CdpException cdp ? cdp : new CdpException(method + ": " + cause);
    } catch (TimeoutException e) {
      throw new CdpException(method + ": the browser did not answer within " + bound.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException(method + ": interrupted");
    }
  }

  /** Sends a command without waiting; the future holds its result or its error. */
  CompletableFuture<JsonNode> send(String method, ObjectNode params, String sessionId) {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    if (!isOpen()) {
      answer.completeExceptionally(new CdpException(method + ": " + closedBecause));
      return answer;
    }
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params == null ? JSON.createObjectNode() : params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    pending.put(id, answer);
    enqueue(message.toString());
    return answer;
  }

  /** A new, empty parameter object. */
  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  private synchronized void enqueue(String text) {
    lastSend = lastSend.handle((ignored, error) -> null).thenCompose(ignored -> socket.sendText(text, true));
  }

  @Override
  public void close() {
    WebSocket s = socket;
    if (s != null && isOpen()) {
      s.abort();
    }
    closed("the connection to the browser was closed");
  }

  private void closed(String why) {
    if (closedBecause == null) {
      closedBecause = why;
    }
    pending.values().forEach(f -> f.completeExceptionally(new CdpException(closedBecause)));
    pending.clear();
  }

  private void dispatch(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      return; // not the protocol's: nothing to do with it
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asLong());
      if (answer == null) {
        return;
      }
      if (message.has("error")) {
        answer.completeExceptionally(new CdpException(message.get("error").path("message").asText("error")));
      } else {
        answer.complete(message.path("result"));
      }
      return;
    }
    Event event =
        new Event(
            message.path("method").asText(),
            message.path("params"),
            message.hasNonNull("sessionId") ? message.get("sessionId").asText() : null);
    for (Consumer<Event> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        // One listener's bug must not stop the others, nor the websocket's reading.
        System.err.println("hubload: CDP event " + event.method() + " not handled: " + e);
      }
    }
  }

  /** Reads the websocket: messages may come in parts, and are handled once whole. */
  private final class Receiver implements WebSocket.Listener {
    private final StringBuilder parts = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      parts.append(data);
      if (last) {
        String text = parts.toString();
        parts.setLength(0);
        dispatch(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed("the browser closed its DevTools connection");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed("the DevTools connection failed: " + error);
    }
  }

  /** The browser said no, or did not answer. */
  static final class CdpException extends IOException {
    CdpException(String message) {
      super(message);
    }
  }
}
