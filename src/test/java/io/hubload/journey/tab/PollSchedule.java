package io.hubload.journey.tab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * When each of a tab's polls is due, as JupyterLab's lumino {@code Poll} decides it (read in
 * {@code @lumino/polling} 2.1): a poll ticks once at once when the tab opens, then again {@link
 * Poll#interval()} after each answer, so its period drifts by the time the server takes to answer
 * (there is no other jitter). After a failure it backs off: the next wait is a random whole number
 * of milliseconds between the interval and three times the last wait, at most {@link #MAX_WAIT}.
 * The first success after failures goes back to the interval. A tab left open keeps polling; a
 * closed one ({@link #close()}) has nothing due.
 *
 * <p>One schedule belongs to one virtual user, whose actions run one after the other: it is not
 * thread-safe and needs not be.
 */
public final class PollSchedule {

  /** lumino's DEFAULT_BACKOFF: the growth of the wait after each failure. */
  static final int BACKOFF_GROWTH = 3;
  /** JupyterLab's services cap every poll's wait at 300 s. */
  static final Duration MAX_WAIT = Duration.ofSeconds(300);

  private static final long NEVER = Long.MAX_VALUE;

  private final Map<Poll, Long> dueAt = new LinkedHashMap<>();
  private final Map<Poll, Long> lastWait = new LinkedHashMap<>();
  private final RandomGenerator random;
  private boolean changed;
  private boolean standingBy;

  /** A tab opened at {@code now}: every poll is due at once. */
  public PollSchedule(List<Poll> polls, long now, RandomGenerator random) {
    this.random = random;
    for (Poll poll : polls) {
      // The autosave's timer starts when a notebook opens (notebookOpened); until then, not due.
      dueAt.put(poll, poll.onlyWhenChanged() ? NEVER : now);
      lastWait.put(poll, poll.interval().toMillis());
    }
  }

  /**
   * The polls due at {@code now}, in the tab's order; each is then in flight (not due again) until
   * {@link #answered}. An autosave tick with nothing changed is skipped: its timer starts again.
   */
  public List<Poll> due(long now) {
    List<Poll> due = new ArrayList<>();
    for (Map.Entry<Poll, Long> entry : dueAt.entrySet()) {
      if (entry.getValue() > now) {
        continue;
      }
      Poll poll = entry.getKey();
      if (poll.onlyWhenChanged() && !changed) {
        entry.setValue(now + poll.interval().toMillis());
        continue;
      }
      entry.setValue(NEVER);
      due.add(poll);
    }
    return due;
  }

  /** A poll's answer came at {@code now}: {@code ok}, or a failure (an error status, or none). */
  public void answered(Poll poll, boolean ok, long now) {
    if (!dueAt.containsKey(poll)) {
      return;
    }
    if (standingBy) {
      leaveOut(poll);
      return;
    }
    long wait = ok ? poll.interval().toMillis() : backoff(poll.interval().toMillis(), lastWait.get(poll));
    lastWait.put(poll, wait);
    dueAt.put(poll, now + wait);
    if (ok && poll.onlyWhenChanged()) {
      changed = false;
    }
  }

  /** The wait after a failure: lumino's {@code Private.sleep}. */
  private long backoff(long interval, long last) {
    long upper = Math.max(interval, last * BACKOFF_GROWTH);
    return Math.min(MAX_WAIT.toMillis(), random.nextLong(interval, upper + 1));
  }

  /**
   * Something made the UI refresh these polls at {@code now} (a file browser refreshed after a new
   * file, the kernels and sessions after a kernel started): they are due at once, and their
   * timers count from that answer. Polls the tab does not make (left out) stay out.
   */
  public void restart(List<String> entries, long now) {
    for (Map.Entry<Poll, Long> entry : dueAt.entrySet()) {
      if (entries.contains(entry.getKey().entry())) {
        entry.setValue(now);
      }
    }
  }

  /** The server does not serve this poll's endpoint: the tab stops asking. */
  public void leaveOut(Poll poll) {
    dueAt.remove(poll);
    lastWait.remove(poll);
  }

  /** A notebook opened at {@code now}: its autosave timer starts (the UI's save handler is the notebook's). */
  public void notebookOpened(long now) {
    for (Map.Entry<Poll, Long> entry : dueAt.entrySet()) {
      if (entry.getKey().onlyWhenChanged()) {
        entry.setValue(now + entry.getKey().interval().toMillis());
      }
    }
  }

  /** The notebook changed (a cell ran): the next autosave tick saves it. */
  public void notebookChanged() {
    changed = true;
  }

  /** When the next poll is due, or {@link Long#MAX_VALUE} when none is (all in flight, or closed). */
  public long nextDue() {
    return dueAt.values().stream().mapToLong(Long::longValue).min().orElse(NEVER);
  }

  /**
   * The tab is hidden behind another (Notebook 7's folder page once the notebook's tab is in
   * front): as recorded, each poll still makes the tick it had armed (or a restart asks for), then
   * asks nothing more. lumino's polls stand by in a hidden tab; a timer already set still fires.
   */
  public void standBy() {
    standingBy = true;
  }

  /** The tab is closed: nothing is due any more. */
  public void close() {
    dueAt.clear();
  }

  /** The polls the tab still makes. */
  public List<Poll> polls() {
    return List.copyOf(dueAt.keySet());
  }
}
