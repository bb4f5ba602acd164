package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the browser's tabs sent, from their Network events: every request (each hop of a redirect
 * is one), its answer's status, every websocket and its frames. Times are milliseconds since the
 * journey's start, from the browser's own timestamps (when a request was sent, not when its event
 * reached this JVM).
 *
 * <p>Events arrive on the websocket's thread while the journey reads the log from its own: every
 * method is synchronized.
 */
final class TabRecorderLog {

  /** One request. {@code status} is null until answered (or when it never was). */
  static final class Request {
    final long t;
    final String sessionId;
    final String method;
    final String url;
    final String type;
    Integer status;
    boolean fromCache;
    String error;

    Request(long t, String sessionId, String method, String url, String type) {
      this.t = t;
      this.sessionId = sessionId;
      this.method = method;
      this.url = url;
      this.type = type;
    }
  }

  /** One websocket: what was asked and agreed, and how many frames went each way. */
  static final class Socket {
    final Request request;
    String requestedProtocol;
    String protocol;
    int framesSent;
    int framesReceived;
    Long closedAt;

    Socket(Request request) {
      this.request = request;
    }
  }

  /** One websocket frame: a Jupyter message's channel and type when it is one. */
  record Frame(long t, String sessionId, Socket socket, boolean sent, int bytes, String channel, String msgType) {}

  /** Resource types whose requests stay open by design: not "in flight" for a page to be loaded. */
  private static final Set<String> LONG_LIVED = Set.of("WebSocket", "EventSource");

  private volatile long startEpochMillis = System.currentTimeMillis();
  private final List<Request> requests = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Frame> frames = new ArrayList<>();
  /** The request each (session, requestId) is at now: a redirect moves it to the next hop. */
  private final Map<String, Request> current = new HashMap<>();
  private final Map<String, Socket> socketsById = new HashMap<>();
  private final Map<String, Request> inFlight = new HashMap<>();
  /** The browser's monotonic clock, in seconds, minus its wall clock: learnt from each request. */
  private double wallMinusMonotonic = Double.NaN;
  private long lastActivity;
  private boolean recording = true;

  /** The journey starts now: times are counted from here. */
  synchronized void begin() {
    startEpochMillis = System.currentTimeMillis();
    lastActivity = 0;
  }

  long startEpochMillis() {
    return startEpochMillis;
  }

  /** Ends the recording: later events are not written down. */
  synchronized void stop() {
    recording = false;
  }

  synchronized List<Request> requests() {
    List<Request> sorted = new ArrayList<>(requests);
    sorted.sort(Comparator.comparingLong(r -> r.t));
    return sorted;
  }

  synchronized List<Socket> sockets() {
    return List.copyOf(sockets);
  }

  synchronized List<Frame> frames() {
    return List.copyOf(frames);
  }

  /**
   * Whether a tab has been quiet for {@code quietMillis}: nothing sent or answered, nothing in
   * flight but its websockets and event streams.
   */
  synchronized boolean quiet(String sessionId, long quietMillis) {
    boolean busy = inFlight.values().stream().anyMatch(r -> r.sessionId.equals(sessionId));
    return !busy && sinceStart() - lastActivity >= quietMillis;
  }

  /** Milliseconds since the journey's start, by this JVM's clock. */
  long sinceStart() {
    return System.currentTimeMillis() - startEpochMillis;
  }

  /** Every CDP event goes here; the Network ones are written down. */
  synchronized void onEvent(CdpConnection.Event event) {
    if (!recording || !event.method().startsWith("Network.") || event.sessionId() == null) {
      return;
    }
    JsonNode p = event.params();
    String key = event.sessionId() + "/" + p.path("requestId").asText();
    switch (event.method()) {
      case "Network.requestWillBeSent" -> requestWillBeSent(event.sessionId(), key, p);
      case "Network.responseReceived" -> answered(key, p.path("response"));
      case "Network.requestServedFromCache" -> fromCache(key);
      case "Network.loadingFinished" -> finished(key);
      case "Network.loadingFailed" -> failed(key, p);
      case "Network.webSocketCreated" -> webSocketCreated(event.sessionId(), key, p);
      case "Network.webSocketWillSendHandshakeRequest" -> handshakeSent(key, p);
      case "Network.webSocketHandshakeResponseReceived" -> handshakeAnswered(key, p);
      case "Network.webSocketFrameSent" -> frame(event.sessionId(), key, p, true);
      case "Network.webSocketFrameReceived" -> frame(event.sessionId(), key, p, false);
      case "Network.webSocketClosed" -> webSocketClosed(key, p);
      default -> {
        // other Network events say nothing about what was sent
      }
    }
  }

  private void requestWillBeSent(String sessionId, String key, JsonNode p) {
    JsonNode request = p.path("request");
    String url = request.path("url").asText();
    if (url.startsWith("data:") || url.startsWith("blob:")) {
      return; // never leaves the browser
    }
    double timestamp = p.path("timestamp").asDouble();
    if (p.has("wallTime")) {
      wallMinusMonotonic = p.get("wallTime").asDouble() - timestamp;
    }
    Request previous = current.get(key);
    if (previous != null && p.has("redirectResponse")) {
      previous.status = p.get("redirectResponse").path("status").asInt();
      inFlight.remove(key);
    }
    Request r = new Request(at(timestamp), sessionId, request.path("method").asText(), url, p.path("type").asText("Other"));
    requests.add(r);
    current.put(key, r);
    inFlight.put(key, r);
    lastActivity = Math.max(lastActivity, sinceStart());
  }

  private void answered(String key, JsonNode response) {
    Request r = current.get(key);
    if (r != null) {
      r.status = response.path("status").asInt();
      r.fromCache |= response.path("fromDiskCache").asBoolean() || response.path("fromPrefetchCache").asBoolean();
      if (LONG_LIVED.contains(r.type)) {
        inFlight.remove(key);
      }
    }
    lastActivity = sinceStart();
  }

  private void fromCache(String key) {
    Request r = current.get(key);
    if (r != null) {
      r.fromCache = true;
    }
  }

  private void finished(String key) {
    inFlight.remove(key);
    lastActivity = sinceStart();
  }

  private void failed(String key, JsonNode p) {
    Request r = current.get(key);
    if (r != null && r.status == null) {
      r.error = p.path("canceled").asBoolean() ? "canceled" : p.path("errorText").asText("failed");
    }
    finished(key);
  }

  /** A websocket has no requestWillBeSent: it is written down as a request of type WebSocket. */
  private void webSocketCreated(String sessionId, String key, JsonNode p) {
    Request r = new Request(sinceStart(), sessionId, "GET", p.path("url").asText(), "WebSocket");
    requests.add(r);
    current.put(key, r);
    Socket socket = new Socket(r);
    sockets.add(socket);
    socketsById.put(key, socket);
    lastActivity = sinceStart();
  }

  private void handshakeSent(String key, JsonNode p) {
    Socket socket = socketsById.get(key);
    if (socket != null) {
      socket.requestedProtocol = header(p.path("request").path("headers"), "Sec-WebSocket-Protocol");
    }
  }

  private void handshakeAnswered(String key, JsonNode p) {
    Socket socket = socketsById.get(key);
    if (socket != null) {
      socket.request.status = p.path("response").path("status").asInt();
      socket.protocol = header(p.path("response").path("headers"), "Sec-WebSocket-Protocol");
    }
  }

  private void frame(String sessionId, String key, JsonNode p, boolean sent) {
    Socket socket = socketsById.get(key);
    if (socket == null) {
      return;
    }
    if (sent) {
      socket.framesSent++;
    } else {
      socket.framesReceived++;
    }
    JsonNode response = p.path("response");
    String payload = response.path("payloadData").asText();
    String channel = null;
    String msgType = null;
    if (response.path("opcode").asInt() == 1 && payload.startsWith("{")) {
      // Only the Jupyter message's channel and type are kept: its content is the user's code and output.
      try {
        JsonNode message = CdpConnection.JSON.readTree(payload);
        channel = message.path("channel").asText(null);
        msgType = message.path("header").path("msg_type").asText(null);
      } catch (java.io.IOException e) {
        // not JSON after all
      }
    }
    frames.add(new Frame(at(p.path("timestamp").asDouble()), sessionId, socket, sent, payload.length(), channel, msgType));
  }

  private void webSocketClosed(String key, JsonNode p) {
    Socket socket = socketsById.get(key);
    if (socket != null) {
      socket.closedAt = at(p.path("timestamp").asDouble());
    }
  }

  /** A browser timestamp (monotonic seconds) as milliseconds since the journey's start. */
  private long at(double monotonicSeconds) {
    if (Double.isNaN(wallMinusMonotonic) || monotonicSeconds == 0) {
      return sinceStart();
    }
    return Math.round((monotonicSeconds + wallMinusMonotonic) * 1000) - startEpochMillis;
  }

  /** A header's value, whatever the case of its name (the browser keeps the server's). */
  private static String header(JsonNode headers, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue().asText();
      }
    }
    return null;
  }
}
