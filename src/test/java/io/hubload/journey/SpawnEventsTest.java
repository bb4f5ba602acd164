package io.hubload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.journey.SpawnEvents.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Progress streams written from the shapes KubeSpawner 7 sends (the pod's Kubernetes events in
 * raw_event), turned into phases.
 */
class SpawnEventsTest {

  private static final String T0 = "2026-11-28T09:00:00";

  /** One "data:" line of a KubeSpawner progress event, {@code at} seconds after 09:00:00. */
  private static String event(double at, String reason, String fieldPath, String message) {
    String time = Instant.parse(T0 + "Z").plusMillis((long) (at * 1000)).toString();
    return "data: {\"progress\": 50, \"message\": \""
        + time
        + " [Normal] "
        + message
        + "\", \"raw_event\": {\"reason\": \""
        + reason
        + "\", \"message\": \""
        + message
        + "\", \"eventTime\": \""
        + time
        + "\", \"involvedObject\": {\"kind\": \"Pod\", \"fieldPath\": \""
        + fieldPath
        + "\"}, \"source\": {\"component\": \"kubelet\"}}}\n\n";
  }

  /** An event with second-resolution lastTimestamp only, as older clusters send. */
  private static String legacyEvent(int at, String reason, String message) {
    String time = Instant.parse(T0 + "Z").plusSeconds(at).toString();
    return "data: {\"progress\": 50, \"raw_event\": {\"reason\": \""
        + reason
        + "\", \"message\": \""
        + message
        + "\", \"eventTime\": null, \"lastTimestamp\": \""
        + time
        + "\", \"firstTimestamp\": \""
        + time
        + "\"}}\n\n";
  }

  private static final String REQUESTED = "data: {\"progress\": 0, \"message\": \"Server requested\"}\n\n";
  private static final String READY = "data: {\"progress\": 100, \"ready\": true, \"message\": \"Server ready at /user/u1/\"}\n\n";

  private static long at(double seconds) {
    return Instant.parse(T0 + "Z").toEpochMilli() + (long) (seconds * 1000);
  }

  private static Map<Phase, Long> millis(SpawnEvents.Reading reading) {
    return reading.phases().stream().collect(Collectors.toMap(SpawnEvents.Span::phase, SpawnEvents.Span::millis));
  }

  @Test
  void aColdNodeWithScaleUpAndAnImagePull() {
    String stream =
        REQUESTED
            + event(0.5, "FailedScheduling", "", "0/3 nodes are available: 3 Insufficient cpu.")
            + event(1, "TriggeredScaleUp", "", "pod triggered scale-up: [{user-pool 3->4 (max: 10)}]")
            + event(95, "Scheduled", "", "Successfully assigned jhub/jupyter-u1 to node-4")
            + event(97, "SuccessfulAttachVolume", "", "AttachVolume.Attach succeeded for volume \\\"pvc-1\\\"")
            + event(98, "Pulling", "spec.containers{notebook}", "Pulling image \\\"quay.io/jupyter/scipy-notebook\\\"")
            + event(146.2, "Pulled", "spec.containers{notebook}", "Successfully pulled image \\\"quay.io/jupyter/scipy-notebook\\\" in 48.2s")
            + event(147, "Created", "spec.containers{notebook}", "Created container notebook")
            + event(147.5, "Started", "spec.containers{notebook}", "Started container notebook")
            + READY;

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(152.5));

    assertEquals(
        Map.of(
            Phase.NODE_WAIT, 94_500L,
            Phase.VOLUME, 2_000L,
            Phase.IMAGE_PULL, 48_200L,
            Phase.CONTAINER_START, 1_300L,
            Phase.SERVER_START, 5_000L),
        millis(reading));
    assertEquals(
        List.of(Phase.NODE_WAIT, Phase.VOLUME, Phase.IMAGE_PULL, Phase.CONTAINER_START, Phase.SERVER_START),
        reading.phases().stream().map(SpawnEvents.Span::phase).toList(),
        "in order");
    assertEquals(Optional.of("node-4"), reading.node());
    assertTrue(reading.scaleUp());
    assertEquals(Optional.of("pulled"), reading.image());
    assertEquals(8, reading.events());
  }

  @Test
  void aWarmNodeWithACachedImageHasNoNodeWaitAndNoPull() {
    String stream =
        REQUESTED
            + event(0.3, "Scheduled", "", "Successfully assigned jhub/jupyter-u2 to node-1")
            + event(1, "Pulled", "spec.initContainers{block-cloud-metadata}", "Container image \\\"busybox\\\" already present on machine")
            + event(1.2, "Pulled", "spec.containers{notebook}", "Container image \\\"quay.io/jupyter/scipy-notebook\\\" already present on machine")
            + event(1.8, "Started", "spec.containers{notebook}", "Started container notebook")
            + READY;

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(4.8));

    assertEquals(Map.of(Phase.CONTAINER_START, 1_500L, Phase.SERVER_START, 3_000L), millis(reading));
    assertFalse(reading.scaleUp());
    assertEquals(Optional.of("present"), reading.image());
    assertEquals(Optional.of("node-1"), reading.node());
  }

  @Test
  void noScaleUpPossibleThenTheSpawnTimesOut() {
    String stream =
        REQUESTED
            + event(0.5, "FailedScheduling", "", "0/3 nodes are available: 3 Insufficient memory.")
            + event(1, "NotTriggerScaleUp", "", "pod didn't trigger scale-up: 1 max node group size reached")
            + event(31, "NotTriggerScaleUp", "", "pod didn't trigger scale-up: 1 max node group size reached")
            + "data: {\"progress\": 100, \"failed\": true, \"message\": \"Spawn failed: pod did not start in 300 seconds!\"}\n\n";

    SpawnEvents.Reading reading = SpawnEvents.read(stream, -1);

    assertEquals(Map.of(), millis(reading), "never scheduled: no phase ended");
    assertEquals(2, reading.noScaleUp());
    assertFalse(reading.scaleUp());
    assertEquals(Optional.empty(), reading.node());
  }

  @Test
  void karpentersNominatedIsAScaleUp() {
    String stream =
        event(0.2, "FailedScheduling", "", "0/2 nodes are available")
            + event(0.4, "Nominated", "", "Pod should schedule on: nodeclaim/default-abcde")
            + event(40.4, "Scheduled", "", "Successfully assigned jhub/jupyter-u3 to ip-10-0-1-2.ec2.internal")
            + event(42, "Started", "spec.containers{notebook}", "Started container notebook");

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(45));

    assertTrue(reading.scaleUp());
    assertEquals(40_200L, millis(reading).get(Phase.NODE_WAIT));
    assertEquals(Optional.of("ip-10-0-1-2.ec2.internal"), reading.node());
  }

  @Test
  void slowSpawnMessagesWithoutEventsAreSkipped() {
    String stream =
        REQUESTED
            + "data: {\"message\": \"Spawn taking longer than expected, still waiting for the pod\"}\n\n"
            + event(70, "Scheduled", "", "Successfully assigned jhub/jupyter-u4 to node-2")
            + "data: {\"message\": \"Spawn taking longer than expected\"}\n\n"
            + event(71, "Started", "spec.containers{notebook}", "Started container notebook")
            + READY;

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(72));

    assertEquals(2, reading.events());
    assertEquals(Map.of(Phase.CONTAINER_START, 1_000L, Phase.SERVER_START, 1_000L), millis(reading));
  }

  @Test
  void eventsOutOfOrderAreReadByTheirTimes() {
    String stream =
        event(10, "Scheduled", "", "Successfully assigned jhub/jupyter-u5 to node-3")
            + event(20, "Started", "spec.containers{notebook}", "Started container notebook")
            + event(1, "FailedScheduling", "", "0/3 nodes are available")
            + event(19, "Pulled", "spec.containers{notebook}", "Successfully pulled image \\\"x\\\" in 8s")
            + event(11, "Pulling", "spec.containers{notebook}", "Pulling image \\\"x\\\"");

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(21));

    assertEquals(
        Map.of(
            Phase.NODE_WAIT, 9_000L,
            Phase.IMAGE_PULL, 8_000L,
            Phase.CONTAINER_START, 1_000L,
            Phase.SERVER_START, 1_000L),
        millis(reading));
  }

  @Test
  void secondResolutionTimestampsOfOlderClustersAreRead() {
    String stream =
        legacyEvent(0, "FailedScheduling", "0/3 nodes are available")
            + legacyEvent(30, "Scheduled", "Successfully assigned jhub/jupyter-u6 to node-9")
            + legacyEvent(33, "Started", "Started container notebook");

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(35));

    assertEquals(
        Map.of(Phase.NODE_WAIT, 30_000L, Phase.CONTAINER_START, 3_000L, Phase.SERVER_START, 2_000L), millis(reading));
  }

  @Test
  void aFailedSpawnAfterThePodStartedHasNoServerStart() {
    String stream =
        event(0.3, "Scheduled", "", "Successfully assigned jhub/jupyter-u7 to node-1")
            + event(2, "Started", "spec.containers{notebook}", "Started container notebook")
            + "data: {\"progress\": 100, \"failed\": true, \"message\": \"Spawn failed: Server didn't respond in 30 seconds\"}\n\n";

    SpawnEvents.Reading reading = SpawnEvents.read(stream, -1);

    assertEquals(Map.of(Phase.CONTAINER_START, 1_700L), millis(reading));
  }

  @Test
  void aPullWithinTheSecondOfSchedulingIsLeftOutRatherThanNegative() {
    String stream =
        event(10.7, "Scheduled", "", "Successfully assigned jhub/jupyter-u8 to node-1")
            + legacyEvent(10, "Pulling", "Pulling image \\\"x:latest\\\"")
            + legacyEvent(10, "Pulled", "Successfully pulled image \\\"x:latest\\\" in 300ms")
            + legacyEvent(11, "Started", "Started container notebook");

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(12));

    assertEquals(Map.of(Phase.CONTAINER_START, 300L, Phase.SERVER_START, 1_000L), millis(reading));
    assertTrue(reading.phases().stream().allMatch(span -> span.end() >= span.start()), "no negative phase");
  }

  @Test
  void theLocalHubsStreamHasNoPhases() {
    String stream =
        REQUESTED + "data: {\"progress\": 50, \"message\": \"Spawning server...\"}\n\n" + READY;

    SpawnEvents.Reading reading = SpawnEvents.read(stream, at(2));

    assertEquals(List.of(), reading.phases());
    assertEquals(0, reading.events());
    assertEquals(Optional.empty(), reading.image());
  }
}
