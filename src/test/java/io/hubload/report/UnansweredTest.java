package io.hubload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stretches of a run when the hub did not answer. */
class UnansweredTest {

  private static TimelineSample sample(long at, Long heartbeat) {
    return new TimelineSample(at, heartbeat, 0, 0, 0, null);
  }

  @Test
  void anOutageRunsFromTheFirstUnansweredSampleToTheNextAnswer() {
    List<TimelineSample> samples =
        List.of(sample(0, 5L), sample(10_000, null), sample(20_000, null), sample(30_000, 7L), sample(40_000, null));
    assertEquals(
        List.of(new Unanswered.Period(10_000, 30_000, true), new Unanswered.Period(40_000, 40_000, false)),
        Unanswered.of(samples));
    assertEquals(20, Unanswered.of(samples).get(0).seconds());
  }

  @Test
  void aHubThatAlwaysAnsweredHasNone() {
    assertEquals(List.of(), Unanswered.of(List.of(sample(0, 5L), sample(10_000, 6L))));
    assertEquals("", HubPage.unanswered(List.of(sample(0, 5L))));
  }

  @Test
  void theHubPageSaysItInWords() {
    String html = HubPage.unanswered(List.of(sample(0, 5L), sample(10_000, null), sample(30_000, 7L)));
    assertTrue(html.contains("<strong>The hub did not answer</strong> from 00:00:10 to 00:00:30 (20 s"), html);
  }
}
