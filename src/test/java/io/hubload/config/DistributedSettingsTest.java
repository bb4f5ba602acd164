package io.hubload.config;

import static io.hubload.config.SettingsTest.problem;
import static io.hubload.config.SettingsTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** distributed.*: shares, the index Kubernetes gives, the start time, and what is refused. */
class DistributedSettingsTest {

  private static final String HUB = "https://hub.example.org";

  @Test
  void oneInjectorAloneByDefault() {
    DistributedSettings d = with(Map.of()).distributed();
    assertEquals(Shard.WHOLE, d.shard());
    assertTrue(d.startAt().isEmpty() && d.collector().isEmpty());
  }

  @Test
  void theIndexComesFromAKubernetesIndexedJobUnlessGiven() {
    Map<String, String> pod = Map.of("JOB_COMPLETION_INDEX", "2", "DISTRIBUTED_INJECTORS", "3", "HUB_URL", HUB);
    assertEquals(new Shard(2, 3), with(pod).distributed().shard());
    Map<String, String> given = new HashMap<>(pod);
    given.put("DISTRIBUTED_INDEX", "1");
    assertEquals(new Shard(1, 3), with(given).distributed().shard());
  }

  @Test
  void badCombinationsAreRefusedWithOneLine() {
    assertEquals(
        "distributed.index = 3: must be below distributed.injectors (3): injectors are numbered from 0",
        problem("distributed.injectors", "3", "distributed.index", "3", "hub.url", HUB));
    assertEquals(
        "distributed.injectors = 3: several injectors need hub.url: without it each would start a local hub of its own",
        problem("distributed.injectors", "3"));
    assertEquals(
        "distributed.injectors = 3: more injectors than 2 users (load.users): an injector would have none",
        problem("distributed.injectors", "3", "load.users", "2", "hub.url", HUB));
    assertEquals(
        "distributed.injectors = 4: more injectors than the first level's 3 users (load.steps.users-per-step): an injector would have none",
        problem("distributed.injectors", "4", "load.profile", "steps", "load.steps.users-per-step", "3", "hub.url", HUB));
    assertEquals(
        "distributed.start-at = tomorrow: not an ISO-8601 instant in UTC, e.g. 2026-11-28T09:00:00Z",
        problem("distributed.start-at", "tomorrow"));
    assertEquals(
        "distributed.collector = ftp://x: must be an http(s) URL, e.g. http://hubload-collector:8080",
        problem("distributed.collector", "ftp://x"));
  }

  @Test
  void anInjectorThatIsLateForTheStartStops() {
    DistributedSettings d = with(Map.of(), "distributed.start-at", "2026-11-28T09:00:00Z").distributed();
    d.requireStartAhead(Clock.fixed(Instant.parse("2026-11-28T08:59:00Z"), ZoneOffset.UTC));
    String late =
        assertThrows(
                InvalidSettingException.class,
                () -> d.requireStartAhead(Clock.fixed(Instant.parse("2026-11-28T09:00:12Z"), ZoneOffset.UTC)))
            .getMessage();
    assertEquals(
        "distributed.start-at = 2026-11-28T09:00:00Z: passed 12s before this injector was ready: it would start its share late; give the injectors more lead time",
        late);
    assertThrows(
        InvalidSettingException.class,
        () -> d.requireStartAhead(Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC)),
        "two days ahead is a mistake");
  }
}
