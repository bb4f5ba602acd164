package io.hubload.testing;

import io.hubload.report.log.LogRecords;
import io.hubload.report.SimulationLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every response time of one or more simulation.log files, per report entry (All Requests, each
 * request, each group's cumulated time), read record by record: what the tests compare merged
 * histograms with.
 */
public final class RawTimes {

  private RawTimes() {}

  public static Map<String, List<Long>> of(List<Path> logs) {
    Map<String, List<Long>> raw = new LinkedHashMap<>();
    for (Path log : logs) {
      LogRecords.read(
          log,
          new LogRecords.Visitor() {
            @Override
            public void request(List<String> groups, String name, long start, long end, boolean ok) {
              raw.computeIfAbsent(SimulationLog.entryName(groups, name), p -> new ArrayList<>()).add(end - start);
              raw.computeIfAbsent(SimulationLog.ALL_REQUESTS, p -> new ArrayList<>()).add(end - start);
            }

            @Override
            public void group(List<String> groups, long start, long end, int cumulated, boolean ok) {
              raw.computeIfAbsent(SimulationLog.groupName(groups), p -> new ArrayList<>()).add((long) cumulated);
            }
          });
    }
    return raw;
  }
}
