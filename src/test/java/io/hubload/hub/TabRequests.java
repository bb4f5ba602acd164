package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.hubload.hub.SessionKeys.TAB_SCHEDULE;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.jupyter.NotebookModel;
import io.hubload.tab.TabNotes;
import io.hubload.tab.Poll;
import io.hubload.tab.PollSchedule;
import io.hubload.tab.TabTraffic;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The user's browser tab: the requests it makes on its own while the person reads or works
 * (session.tab). Its {@link PollSchedule} says what is due; the tab's requests are made between the
 * user's steps ({@link #catchUp}) and through its idle time ({@link #idleUntil}), so a request that
 * falls due while a step is in flight goes out as soon as the step ends (a kernel start or an
 * execution lasts a second or two). Each kind of request is a report entry of its own ("poll
 * kernels", "autosave"); its failure is a KO but does not end the user's visit, as a browser only
 * backs off.
 */
public final class TabRequests {

  private static final String DUE = "hubload.tab.due";
  private static final String STATUS = "hubload.tab.status";

  private TabRequests() {}

  /**
   * The tab is open (its page loaded): its polls start now, but for those an earlier tab of this
   * run found the server does not serve.
   */
  static ChainBuilder open(HubContext context) {
    List<Poll> all = TabTraffic.polls(context.settings().session().tab());
    return exec(
        session -> {
          List<Poll> polls = all.stream().filter(p -> !(p.optional() && TabNotes.isNotServed(asked(p)))).toList();
          return polls.isEmpty()
              ? session
              : session.set(TAB_SCHEDULE, new PollSchedule(polls, System.currentTimeMillis(), new SplittableRandom()));
        });
  }

  /** How a poll is named when the server does not serve it, e.g. "GET api/me". */
  private static String asked(Poll poll) {
    return "GET " + poll.path();
  }

  /** The notebook is open: its autosave timer starts. */
  static ChainBuilder notebookOpened() {
    return exec(
        session -> {
          if (session.contains(TAB_SCHEDULE)) {
            schedule(session).notebookOpened(System.currentTimeMillis());
          }
          return session;
        });
  }

  /** The code ran: the notebook changed, so the next autosave tick saves it. */
  static Session notebookChanged(Session session) {
    if (session.contains(TAB_SCHEDULE)) {
      schedule(session).notebookChanged();
    }
    return session;
  }

  /** Makes the tab's requests that are due now, if any. */
  public static ChainBuilder catchUp(HubContext context) {
    List<Poll> polls = TabTraffic.polls(context.settings().session().tab());
    ChainBuilder chain = exec(session -> session.set(DUE, session.contains(TAB_SCHEDULE) ? schedule(session).due(System.currentTimeMillis()) : List.of()));
    for (Poll poll : polls) {
      chain = chain.doIf(session -> session.<List<Poll>>get(DUE).contains(poll)).then(request(context, poll));
    }
    return chain.exec(session -> session.remove(DUE));
  }

  /**
   * The person reads until the time in {@code deadlineKey} (epoch ms): the tab's requests go out as
   * they fall due, and nothing else. Without a tab, a plain pause.
   */
  static ChainBuilder idleUntil(HubContext context, String deadlineKey) {
    return asLongAs(session -> System.currentTimeMillis() < session.getLong(deadlineKey))
        .on(catchUp(context).pause(session -> untilNext(session, session.getLong(deadlineKey))));
  }

  private static Duration untilNext(Session session, long deadline) {
    long next = session.contains(TAB_SCHEDULE) ? Math.min(deadline, schedule(session).nextDue()) : deadline;
    return Duration.ofMillis(Math.max(1, next - System.currentTimeMillis()));
  }

  /** The tab is closed (the person stops the server): nothing more is sent. */
  static ChainBuilder close() {
    return exec(
        session -> {
          if (session.contains(TAB_SCHEDULE)) {
            schedule(session).close();
          }
          return session.remove(TAB_SCHEDULE);
        });
  }

  /**
   * One of the tab's requests, and what its answer does to the schedule: a 404 from an endpoint
   * the server may lack leaves it out (said once for the run), a failure backs the poll off.
   */
  private static ChainBuilder request(HubContext context, Poll poll) {
    String saved = NotebookModel.saved(context.settings().execute().workload(), context.settings().execute().kernel());
    HttpRequestActionBuilder request =
        poll.onlyWhenChanged()
            ? http(poll.entry()).put(context.urls().notebook()).body(StringBody(saved)).asJson()
            : http(poll.entry()).get(context.urls().onServer(poll.path()));
    Integer[] expected = poll.optional() ? new Integer[] {200, 404} : new Integer[] {200};
    ChainBuilder answer =
        exec(context.api(request).check(HttpDsl.status().saveAs(STATUS), ServerAnswers.status(expected)))
            // Not exitable: a failed poll must not take the user out of its visit; a browser backs off.
            .exec(new StatsHook("tab request answered", (session, stats, clock) -> answered(session, poll)));
    if (!poll.checkFirst()) {
      return exec(session -> session.remove(STATUS)).exec(answer);
    }
    // The classic UI reads the notebook's model before it saves: no save when that fails.
    return exec(session -> session.remove(STATUS))
        .exec(
            context.api(http(TabTraffic.AUTOSAVE_CHECK).get(context.urls().notebook() + "?content=0"))
                .check(HttpDsl.status().saveAs(STATUS), ServerAnswers.status(200)))
        .exec(new StatsHook("autosave check answered", (session, stats, clock) -> checked(session, poll)))
        .doIf(session -> !session.contains(STATUS))
        .then(answer);
  }

  /** After the autosave's check: on to the save (status forgotten), or the failure noted and kept. */
  private static Session checked(Session session, Poll poll) {
    boolean ok = session.contains(STATUS) && session.getInt(STATUS) == 200;
    if (ok) {
      return session.remove(STATUS).markAsSucceeded();
    }
    schedule(session).answered(poll, false, System.currentTimeMillis());
    return session.set(STATUS, -1).markAsSucceeded();
  }

  private static Session answered(Session session, Poll poll) {
    Integer status = session.contains(STATUS) ? session.getInt(STATUS) : null;
    PollSchedule schedule = schedule(session);
    if (poll.optional() && status != null && status == 404) {
      schedule.leaveOut(poll);
      TabNotes.notServed(asked(poll), "\"" + poll.entry() + "\" is left out of every user's tab", System.out);
    } else {
      schedule.answered(poll, status != null && status == 200, System.currentTimeMillis());
    }
    return session.remove(STATUS).markAsSucceeded();
  }

  private static PollSchedule schedule(Session session) {
    return session.get(TAB_SCHEDULE);
  }
}
