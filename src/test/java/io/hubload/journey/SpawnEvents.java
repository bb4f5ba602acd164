package io.hubload.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a spawn's time went, read from the Kubernetes events that KubeSpawner passes along in the
 * hub's progress stream: each event is {@code {"progress": N, "raw_event": <the pod's Event>,
 * "message": "..."}}. The parse reads the event's reason and times, not the message the hub shows,
 * which differs between versions; from an event's own message it reads only the node of {@code
 * Scheduled} and whether a {@code Pulled} image was "already present". A spawner that sends no such events
 * (the local hub's) gives no phases, and that is not a failure.
 *
 * <p>Phases, each from the end of the one before it (absent when its events are absent, or when
 * second-resolution times make one seem to end before it began):
 *
 * <ul>
 *   <li><b>waiting for a node</b>: from the first {@code FailedScheduling} (no node had room) to
 *       {@code Scheduled};
 *   <li><b>volume</b>: to {@code SuccessfulAttachVolume};
 *   <li><b>image pull</b>: from the first {@code Pulling} to the last {@code Pulled} that pulled
 *       (an image "already present on machine" is no pull);
 *   <li><b>container start</b>: to the last {@code Started};
 *   <li><b>server start</b>: to the hub's ready event (the server answered, its route was added).
 * </ul>
 *
 * Event times are the cluster's: {@code eventTime}, else {@code lastTimestamp} or {@code
 * firstTimestamp} (second resolution). The ready event has none and is taken at the moment the
 * suite saw it, so "server start" assumes the cluster's clock and the suite's agree.
 */
public final class SpawnEvents {

  /** A phase of a spawn, with the report entry it becomes. */
  public enum Phase {
    NODE_WAIT("spawn: waiting for a node"),
    VOLUME("spawn: volume"),
    IMAGE_PULL("spawn: image pull"),
    CONTAINER_START("spawn: container start"),
    SERVER_START("spawn: server start");

    private final String entry;

    Phase(String entry) {
      this.entry = entry;
    }

    /** The report entry, beside "spawn to ready". */
    public String entry() {
      return entry;
    }
  }

  /** One phase of one spawn, in epoch milliseconds. */
  public record Span(Phase phase, long start, long end) {
    public long millis() {
      return Math.max(0, end - start);
    }
  }

  /**
   * What one spawn's events say.
   *
   * @param phases the phases that happened, in order
   * @param node the node the pod was scheduled on, if said
   * @param scaleUp whether the spawn waited for a node to be added (cluster autoscaler or Karpenter)
   * @param noScaleUp how many times the autoscaler said it could add no node
   * @param image "pulled", "present" (cached on the node), or empty when no event said
   * @param events how many Kubernetes events the stream carried
   */
  public record Reading(
      List<Span> phases, Optional<String> node, boolean scaleUp, int noScaleUp, Optional<String> image, int events) {

    public Optional<Span> phase(Phase phase) {
      return phases.stream().filter(span -> span.phase() == phase).findFirst();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ASSIGNED_TO = Pattern.compile("\\bto (\\S+)\\s*$");

  private SpawnEvents() {}

  /**
   * Reads a whole progress stream as the hub sent it ("data: {...}" lines).
   *
   * @param readyAt when the suite saw the ready event (epoch ms), or -1 when the spawn did not end
   *     ready: then there is no "server start"
   */
  public static Reading read(String stream, long readyAt) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : stream.split("\n")) {
      if (line.startsWith("data:")) {
        try {
          JsonNode event = JSON.readTree(line.substring(5).strip());
          JsonNode raw = event == null ? null : event.path("raw_event");
          if (raw != null && raw.isObject()) {
            events.add(raw);
          }
        } catch (JsonProcessingException e) {
          // not an event: skip
        }
      }
    }
    return read(events, readyAt);
  }

  static Reading read(List<JsonNode> events, long readyAt) {
    long firstUnschedulable = -1;
    long scheduled = -1;
    long volume = -1;
    long pullStart = -1;
    long pullEnd = -1;
    long started = -1;
    boolean scaleUp = false;
    int noScaleUp = 0;
    boolean pulled = false;
    boolean present = false;
    Optional<String> node = Optional.empty();
    for (JsonNode event : events) {
      long at = time(event);
      if (at < 0) {
        continue;
      }
      String reason = event.path("reason").asText("");
      switch (reason) {
        case "FailedScheduling" -> firstUnschedulable = earliest(firstUnschedulable, at);
        case "TriggeredScaleUp", "Nominated" -> scaleUp = true;
        case "NotTriggerScaleUp" -> noScaleUp++;
        case "Scheduled" -> {
          scheduled = latest(scheduled, at);
          Matcher m = ASSIGNED_TO.matcher(event.path("message").asText(""));
          if (m.find()) {
            node = Optional.of(m.group(1));
          }
        }
        case "SuccessfulAttachVolume" -> volume = latest(volume, at);
        case "Pulling" -> pullStart = earliest(pullStart, at);
        case "Pulled" -> {
          // "already present on machine" is a Pulled event too, with no Pulling before it.
          if (event.path("message").asText("").contains("already present")) {
            present = true;
          } else {
            pulled = true;
            pullEnd = latest(pullEnd, at);
          }
        }
        case "Started" -> started = latest(started, at);
        default -> {}
      }
    }
    List<Span> phases = new ArrayList<>();
    long cursor = -1;
    if (firstUnschedulable >= 0 && scheduled >= firstUnschedulable) {
      phases.add(new Span(Phase.NODE_WAIT, firstUnschedulable, scheduled));
    }
    if (scheduled >= 0) {
      cursor = scheduled;
    }
    if (volume >= 0 && cursor >= 0 && volume >= cursor) {
      phases.add(new Span(Phase.VOLUME, cursor, volume));
      cursor = volume;
    }
    // Kubelet times are cut to the second while the scheduler's are not: a pull within the second
    // of the scheduling can seem to end before it began. Such a phase is left out, not negative.
    long pullFrom = Math.max(pullStart, cursor);
    if (pulled && pullStart >= 0 && pullEnd >= pullFrom) {
      phases.add(new Span(Phase.IMAGE_PULL, pullFrom, pullEnd));
      cursor = pullEnd;
    }
    if (started >= 0 && cursor >= 0 && started >= cursor) {
      phases.add(new Span(Phase.CONTAINER_START, cursor, started));
      cursor = started;
    }
    if (started >= 0 && readyAt >= 0) {
      phases.add(new Span(Phase.SERVER_START, started, Math.max(started, readyAt)));
    }
    Optional<String> image = pulled ? Optional.of("pulled") : present ? Optional.of("present") : Optional.empty();
    return new Reading(List.copyOf(phases), node, scaleUp, noScaleUp, image, events.size());
  }

  /** The event's time in epoch ms: eventTime, else lastTimestamp, else firstTimestamp; -1 if none. */
  static long time(JsonNode event) {
    for (String field : new String[] {"eventTime", "event_time", "lastTimestamp", "last_timestamp", "firstTimestamp", "first_timestamp"}) {
      JsonNode value = event.path(field);
      if (value.isTextual() && !value.asText().isEmpty()) {
        try {
          return Instant.parse(value.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
          // try the next field
        }
      }
    }
    return -1;
  }

  private static long earliest(long current, long at) {
    return current < 0 ? at : Math.min(current, at);
  }

  private static long latest(long current, long at) {
    return Math.max(current, at);
  }
}
