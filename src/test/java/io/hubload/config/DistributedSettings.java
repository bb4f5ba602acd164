package io.hubload.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * distributed.*: this injector's part in a load made by several (docs/distributed.md). Each of the
 * {@code injectors} runs its exact share of the profile ({@link Shard}), all begin their users at
 * {@code startAt}, and each uploads its run to the collector, which merges them into one result.
 *
 * @param shard which share of the load this injector runs
 * @param startAt when every injector starts its users; empty: at once
 * @param collector where the launcher uploads this injector's run; empty: nowhere
 */
public record DistributedSettings(Shard shard, Optional<Instant> startAt, Optional<URI> collector) {

  /** The furthest ahead a start time may be: further is a mistake (a date typed wrong). */
  static final Duration MAX_LEAD = Duration.ofDays(1);

  /** One injector alone, starting at once: the suite as it runs by default. */
  public static DistributedSettings alone() {
    return new DistributedSettings(Shard.WHOLE, Optional.empty(), Optional.empty());
  }

  static DistributedSettings read(SettingReader r) {
    int injectors = r.integer("distributed.injectors", 1, 1000);
    String rawIndex = r.string("distributed.index");
    int index = rawIndex.isEmpty() ? 0 : r.integer("distributed.index", 0, 999);
    if (index >= injectors) {
      throw new InvalidSettingException(
          "distributed.index",
          rawIndex,
          "must be below distributed.injectors (" + injectors + "): injectors are numbered from 0");
    }
    return new DistributedSettings(new Shard(index, injectors), startAt(r), collector(r));
  }

  private static Optional<Instant> startAt(SettingReader r) {
    String raw = r.string("distributed.start-at");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(raw));
    } catch (DateTimeParseException e) {
      throw new InvalidSettingException(
          "distributed.start-at", raw, "not an ISO-8601 instant in UTC, e.g. 2026-11-28T09:00:00Z");
    }
  }

  private static Optional<URI> collector(SettingReader r) {
    String raw = r.string("distributed.collector");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new InvalidSettingException("distributed.collector", raw, "must be an http(s) URL, e.g. http://hubload-collector:8080");
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      throw new InvalidSettingException("distributed.collector", raw, "not a URL: " + e.getReason());
    }
  }

  /**
   * What a load run needs of these settings beyond valid values: a start time still ahead, and not
   * absurdly far. Checked by the run, not by the tools that read the settings later.
   */
  void requireStartAhead(Clock clock) {
    if (startAt.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Instant at = startAt.get();
    if (now.isAfter(at)) {
      throw new InvalidSettingException(
          "distributed.start-at",
          at.toString(),
          "passed "
              + Durations.format(Duration.between(at, now).withNanos(0))
              + " before this injector was ready: it would start its share late; give the injectors more lead time");
    }
    if (Duration.between(now, at).compareTo(MAX_LEAD) > 0) {
      throw new InvalidSettingException(
          "distributed.start-at", at.toString(), "more than " + Durations.format(MAX_LEAD) + " ahead");
    }
  }

  /** Whether this is one of several injectors. */
  public boolean isShared() {
    return !shard.isWhole();
  }
}
