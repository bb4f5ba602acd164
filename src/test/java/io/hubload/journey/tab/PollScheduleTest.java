package io.hubload.journey.tab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.SessionSettings.Tab;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lab tab's schedule against JupyterLab 4's facts (docs/realism.md). */
class PollScheduleTest {

  private static final long OPENED = 1_000_000L;

  private static Poll poll(String entry) {
    return TabTraffic.polls(Tab.LAB).stream().filter(p -> p.entry().equals(entry)).findFirst().orElseThrow();
  }

  @Test
  void labPollsTheListsEvery10sAndSpecsAndTheUserEvery61sAsChromiumDidWithJupyterLab46() {
    assertEquals(Duration.ofSeconds(10), poll("poll kernels").interval());
    assertEquals(Duration.ofSeconds(10), poll("poll sessions").interval());
    assertEquals(Duration.ofSeconds(10), poll("poll terminals").interval());
    assertEquals(Duration.ofSeconds(10), poll("poll contents").interval());
    assertEquals(Duration.ofSeconds(10), poll("poll workspaces").interval());
    assertEquals(Duration.ofSeconds(10), poll(TabTraffic.WORKSPACE_SAVE).interval());
    assertEquals("PUT", poll(TabTraffic.WORKSPACE_SAVE).method());
    assertEquals(Duration.ofSeconds(61), poll("poll kernelspecs").interval());
    assertEquals(Duration.ofSeconds(61), poll("poll me").interval());
    assertEquals(Duration.ofSeconds(120), poll(TabTraffic.AUTOSAVE).interval());
    assertEquals(List.of(), TabTraffic.polls(Tab.API));
  }

  @Test
  void everyPollTicksAtOnceWhenTheTabOpensButTheAutosaveWaitsItsInterval() {
    PollSchedule schedule = new PollSchedule(TabTraffic.polls(Tab.LAB), OPENED, new Random(1));
    List<Poll> first = schedule.due(OPENED);
    assertEquals(8, first.size(), first::toString);
    assertTrue(first.stream().noneMatch(Poll::onlyWhenChanged));
    assertEquals(List.of(), schedule.due(OPENED), "in flight until answered");
  }

  @Test
  void theNextTickIsTheIntervalAfterTheAnswerSoSlowAnswersStretchThePeriod() {
    Poll kernels = poll("poll kernels");
    PollSchedule schedule = new PollSchedule(List.of(kernels), OPENED, new Random(1));
    schedule.due(OPENED);
    schedule.answered(kernels, true, OPENED + 700);
    assertEquals(OPENED + 10_700, schedule.nextDue());
    assertEquals(List.of(), schedule.due(OPENED + 10_699));
    assertEquals(List.of(kernels), schedule.due(OPENED + 10_700));
  }

  @Test
  void failuresBackOffByUpToThreeTimesTheLastWaitCappedAt300sAndASuccessResetsIt() {
    Poll kernels = poll("poll kernels");
    SplittableRandom seeds = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      PollSchedule schedule = new PollSchedule(List.of(kernels), 0, new Random(seeds.nextLong()));
      long now = 0;
      long last = 10_000;
      for (int failure = 0; failure < 8; failure++) {
        schedule.due(now);
        schedule.answered(kernels, false, now);
        long wait = schedule.nextDue() - now;
        assertTrue(wait >= 10_000 && wait <= Math.min(300_000, 3 * last), "wait " + wait + " after a last wait of " + last);
        last = wait;
        now += wait;
      }
      schedule.due(now);
      schedule.answered(kernels, true, now);
      assertEquals(10_000, schedule.nextDue() - now, "back to the interval");
    }
  }

  @Test
  void backoffReachesTheCapAndSpreadsOverItsRange() {
    Poll kernels = poll("poll kernels");
    PollSchedule schedule = new PollSchedule(List.of(kernels), 0, new Random(3));
    long now = 0;
    long longest = 0;
    for (int failure = 0; failure < 30; failure++) {
      schedule.due(now);
      schedule.answered(kernels, false, now);
      long wait = schedule.nextDue() - now;
      longest = Math.max(longest, wait);
      now += wait;
    }
    assertEquals(300_000, longest, "capped at 300 s, and reached");
  }

  @Test
  void theAutosaveSavesOnlyAChangedNotebookEvery120sFromTheNotebooksOpening() {
    Poll autosave = poll(TabTraffic.AUTOSAVE);
    PollSchedule schedule = new PollSchedule(List.of(autosave), OPENED - 5_000, new Random(1));
    schedule.notebookChanged();
    assertEquals(List.of(), schedule.due(OPENED + 600_000), "no notebook open: no autosave");
    schedule = new PollSchedule(List.of(autosave), OPENED - 5_000, new Random(1));
    schedule.notebookOpened(OPENED);
    assertEquals(List.of(), schedule.due(OPENED + 120_000), "nothing changed: the tick is skipped");
    schedule.notebookChanged();
    assertEquals(List.of(), schedule.due(OPENED + 200_000), "the next tick is 120 s after the skipped one");
    assertEquals(List.of(autosave), schedule.due(OPENED + 240_000));
    schedule.answered(autosave, true, OPENED + 240_100);
    assertEquals(List.of(), schedule.due(OPENED + 360_100), "saved: unchanged again");
  }

  @Test
  void aRestartedPollIsDueAtOnceThenAnIntervalAfterItsAnswer() {
    Poll kernels = poll("poll kernels");
    Poll specs = poll("poll kernelspecs");
    PollSchedule schedule = new PollSchedule(List.of(kernels, specs), OPENED, new Random(1));
    schedule.due(OPENED);
    schedule.answered(kernels, true, OPENED);
    schedule.answered(specs, true, OPENED);
    schedule.restart(List.of("poll kernels"), OPENED + 3_000);
    assertEquals(List.of(kernels), schedule.due(OPENED + 3_000));
    schedule.answered(kernels, true, OPENED + 3_000);
    assertEquals(OPENED + 13_000, schedule.nextDue());
    schedule.leaveOut(specs);
    schedule.restart(List.of("poll kernelspecs"), OPENED + 4_000);
    assertEquals(List.of(kernels), schedule.polls(), "a poll left out stays out");
  }

  @Test
  void anEndpointLeftOutIsNeverAskedAgainAndAClosedTabAsksNothing() {
    Poll me = poll("poll me");
    Poll kernels = poll("poll kernels");
    PollSchedule schedule = new PollSchedule(List.of(me, kernels), OPENED, new Random(1));
    schedule.due(OPENED);
    schedule.leaveOut(me);
    schedule.answered(kernels, true, OPENED);
    assertEquals(List.of(kernels), schedule.polls());
    for (long t = OPENED; t < OPENED + 600_000; t += 1_000) {
      List<Poll> due = schedule.due(t);
      assertTrue(!due.contains(me));
      due.forEach(p -> schedule.answered(p, true, OPENED));
    }
    schedule.close();
    assertEquals(Long.MAX_VALUE, schedule.nextDue());
    assertEquals(List.of(), schedule.due(Long.MAX_VALUE - 1));
  }

  @Test
  void notebook7PollsAsJupyterLabWithoutWorkspacesAndItsNotebooksCheckpointsEvery30s() {
    List<String> folder = TabTraffic.polls(Tab.NOTEBOOK).stream().map(Poll::entry).toList();
    assertEquals(List.of("poll kernels", "poll sessions", "poll terminals", "poll contents", "poll kernelspecs", "poll me"), folder);
    List<Poll> notebookTab = TabTraffic.notebookTabPolls(Tab.NOTEBOOK);
    Poll checkpoints = notebookTab.stream().filter(p -> p.entry().equals("poll checkpoints")).findFirst().orElseThrow();
    assertEquals(Duration.ofSeconds(30), checkpoints.interval());
    assertEquals("checkpoints", RequestClass.ofEntry(checkpoints.entry()));
    assertTrue(notebookTab.stream().noneMatch(p -> p.path().contains("workspaces")));
    assertTrue(notebookTab.stream().anyMatch(Poll::onlyWhenChanged), "the notebook's tab autosaves");
    assertEquals(List.of(), TabTraffic.notebookTabPolls(Tab.LAB));
  }

  @Test
  void aTabStandingByMakesTheTickItHadArmedThenNothing() {
    Poll kernels = poll("poll kernels");
    PollSchedule schedule = new PollSchedule(List.of(kernels), OPENED, new Random(1));
    schedule.due(OPENED);
    schedule.answered(kernels, true, OPENED + 100);
    schedule.standBy();
    assertEquals(List.of(kernels), schedule.due(OPENED + 10_100), "the armed tick still fires");
    schedule.answered(kernels, true, OPENED + 10_200);
    assertEquals(List.of(), schedule.polls());
    assertEquals(Long.MAX_VALUE, schedule.nextDue());
  }
}
