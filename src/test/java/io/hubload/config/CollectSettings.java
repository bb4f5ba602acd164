package io.hubload.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * collect.*: the collector that receives the injectors' runs and merges them (distributed/Collector).
 *
 * @param injectors how many uploads it waits for
 * @param dir where it keeps them, and the merged result under merged/
 * @param port the port it listens on
 * @param timeout how long it waits for every upload
 * @param linger how long it keeps running after the merge, for the result to be copied out
 */
public record CollectSettings(int injectors, Path dir, int port, Duration timeout, Duration linger) {

  static CollectSettings read(SettingReader r) {
    String dir = r.string("collect.dir");
    if (dir.isEmpty()) {
      throw new InvalidSettingException("collect.dir", "(empty)", "name a folder");
    }
    return new CollectSettings(
        r.integer("collect.injectors", 1, 1000),
        Path.of(dir),
        r.integer("collect.port", 1, 65535),
        r.duration("collect.timeout", Duration.ofSeconds(1), Duration.ofDays(7)),
        r.duration("collect.linger", Duration.ZERO, Duration.ofDays(7)));
  }
}
