package io.hubload.report;

/**
 * One row of Gatling's statistics table: a request, a wall-clock entry such as "spawn to ready",
 * or a group (whose times are the sum of its requests' response times, as in the report).
 * Times in milliseconds, over all requests of the entry, OK and KO, as the HTML table shows them.
 *
 * @param name the entry's path, e.g. "spawn to ready", "spawn / spawn request", or "spawn" for
 *     the group
 * @param group whether the entry is a group
 */
public record EntryStats(
    String name,
    boolean group,
    long count,
    long ok,
    long ko,
    int min,
    int p50,
    int p75,
    int p95,
    int p99,
    int max,
    int mean) {

  /** OKs as a percentage of the count, 100 when there were none (as gate.min-ok-percent reads it). */
  public double okPercent() {
    return count == 0 ? 100 : ok * 100.0 / count;
  }

  /** KOs as a percentage of the count, 0 when there were none. */
  public double koPercent() {
    return count == 0 ? 0 : ko * 100.0 / count;
  }
}
