package io.hubload.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When the hub did not answer during a run (restarted, gone, or its proxy down): the stretches of
 * the timeline whose heartbeat (GET /hub/api) got no answer, to the precision of metrics.interval.
 * hub.html shows them in words and summary.json lists them, so that a reader of the report sees
 * "the hub did not answer from 02:22:40 to 02:24:40", not only the KOs it caused.
 */
public final class Unanswered {

  /**
   * @param from the first sample without an answer
   * @param to the first sample with one again, or the last sample when none came
   * @param answeredAgain whether the hub answered again before the run ended
   */
  public record Period(long from, long to, boolean answeredAgain) {
    public long seconds() {
      return Math.round((to - from) / 1000.0);
    }

    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("from", Instant.ofEpochMilli(from).toString());
      map.put("to", Instant.ofEpochMilli(to).toString());
      map.put("seconds", seconds());
      map.put("answeredAgain", answeredAgain);
      return map;
    }
  }

  private Unanswered() {}

  /** The periods without an answer, in order. */
  public static List<Period> of(List<TimelineSample> samples) {
    List<Period> periods = new ArrayList<>();
    Long from = null;
    long last = 0;
    for (TimelineSample sample : samples) {
      if (sample.heartbeatMs() == null) {
        if (from == null) {
          from = sample.at();
        }
        last = sample.at();
      } else if (from != null) {
        periods.add(new Period(from, sample.at(), true));
        from = null;
      }
    }
    if (from != null) {
      periods.add(new Period(from, last, false));
    }
    return periods;
  }

  /** The same, as summary.json holds them. */
  public static List<Map<String, Object>> forSummary(List<TimelineSample> samples) {
    return of(samples).stream().map(Period::asMap).toList();
  }
}
