package io.hubload.journey.tab;

import io.hubload.hubapi.SessionKeys;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;
import static io.hubload.hubapi.SessionKeys.KERNEL_ID;
import static io.hubload.hubapi.SessionKeys.NOTEBOOK_PATH;
import static io.hubload.hubapi.SessionKeys.NOTEBOOK_SESSION;
import static io.hubload.hubapi.SessionKeys.TAB_SCHEDULE;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.jupyter.NotebookModel;
import io.hubload.config.SessionSettings.Tab;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import io.hubload.hubapi.Browser;
import io.hubload.journey.HubContext;
import io.hubload.journey.ServerAnswers;
import io.hubload.journey.StatsHook;

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

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private static final String DUE = "hubload.tab.due";
  private static final String STATUS = "hubload.tab.status";
  /** Set when the notebook has opened, until the tab has reacted to it. */
  private static final String NOTEBOOK_OPENED = "hubload.tab.notebookOpened";
  /** Set once the tab has reacted to the notebook's kernel. */
  private static final String KERNEL_SEEN = "hubload.tab.kernelSeen";
  /** Set while the tab's events websocket is open. */
  private static final String EVENTS_OPEN = "hubload.tab.eventsOpen";
  /** Gatling's name for the events websocket. */
  private static final String EVENTS = "events";
  /**
   * The schedule of a page standing by behind the one in front (Notebook 7's folder page once the
   * notebook's tab opened), under {@link SessionKeys#TAB_SCHEDULE} until then.
   */
  private static final String BEHIND_SCHEDULE = "hubload.tab.behind";
  /** Set while the second page's events websocket is open (Notebook 7's notebook page). */
  private static final String SECOND_EVENTS_OPEN = "hubload.tab.secondEventsOpen";
  private static final String SECOND_EVENTS = "events2";
  /** Set while the page behind holds its own connection to the kernel (Notebook 7's folder page). */
  private static final String BEHIND_KERNEL_OPEN = "hubload.tab.behindKernelOpen";
  /** Gatling's name for that websocket, and the session id the page behind gives it. */
  private static final String BEHIND_KERNEL = "behindKernel";
  private static final String BEHIND_KERNEL_SESSION = "behindKernelSession"; // in an EL: no dots

  private TabRequests() {}

  /**
   * The tab is open (its page loaded): its polls start now, but for those an earlier tab of this
   * run found the server does not serve.
   */
  public static ChainBuilder open(HubContext context) {
    List<Poll> all = TabTraffic.polls(context.settings().session().tab());
    return exec(
        session -> {
          PollSchedule schedule = scheduleOf(all);
          return schedule == null ? session : session.set(TAB_SCHEDULE, schedule);
        });
  }

  /** A schedule of these polls starting now, or null when none is left to make. */
  private static PollSchedule scheduleOf(List<Poll> all) {
    List<Poll> polls = all.stream().filter(p -> !(p.optional() && TabNotes.isNotServed(asked(p)))).toList();
    return polls.isEmpty() ? null : new PollSchedule(polls, System.currentTimeMillis(), new SplittableRandom());
  }

  /** How a poll is named when the server does not serve it, e.g. "GET api/me". */
  private static String asked(Poll poll) {
    return "GET " + poll.path();
  }

  /**
   * The notebook is open: its autosave timer starts, and the tab reacts at its next {@link
   * #catchUp}. A UI that opened it in a tab of its own (Notebook 7) now polls from that tab, and the
   * first page stands by behind it.
   */
  public static ChainBuilder notebookOpened(HubContext context) {
    List<Poll> notebookTab = TabTraffic.notebookTabPolls(context.settings().session().tab());
    return exec(
        session -> {
          if (!session.contains(TAB_SCHEDULE)) {
            return session;
          }
          if (!notebookTab.isEmpty()) {
            schedule(session).standBy();
            session = session.set(BEHIND_SCHEDULE, schedule(session));
            PollSchedule front = scheduleOf(notebookTab);
            session = front == null ? session.remove(TAB_SCHEDULE) : session.set(TAB_SCHEDULE, front);
            if (front == null) {
              return session;
            }
          }
          schedule(session).notebookOpened(System.currentTimeMillis());
          return session.set(NOTEBOOK_OPENED, true);
        });
  }

  /**
   * The notebook's own page has loaded (Notebook 7): what its scripts read as they start, and its
   * own event bus websocket, held until the tab closes.
   */
  public static ChainBuilder notebookPageLoaded(HubContext context) {
    return calls(context, TabTraffic.NOTEBOOK_PAGE_LOADED)
        .exec(ws(RequestClass.EVENTS_WEBSOCKET, SECOND_EVENTS).connect(context.urls().onServer("api/events/subscribe")).headers(Browser.WEBSOCKET))
        .exec(session -> session.set(SECOND_EVENTS_OPEN, true));
  }

  /** What the folder page does with the notebook it made (Notebook 7), before the notebook's tab loads. */
  public static ChainBuilder notebookMadeByFolder(HubContext context) {
    return calls(context, TabTraffic.NOTEBOOK_MADE_BY_FOLDER);
  }

  /**
   * What the tab's page does as it loads, beside its polls' first ticks: JupyterLab reads its
   * settings and workspace, and opens the server's event bus (a websocket held until the tab
   * closes). Made within the step "page open", once the page has been served.
   */
  public static ChainBuilder pageLoaded(HubContext context) {
    Tab tab = context.settings().session().tab();
    ChainBuilder loaded = calls(context, TabTraffic.pageLoaded(tab).calls());
    if (!TabTraffic.subscribesToEvents(tab)) {
      return loaded;
    }
    return loaded
        .exec(ws(RequestClass.EVENTS_WEBSOCKET, EVENTS).connect(context.urls().onServer("api/events/subscribe")).headers(Browser.WEBSOCKET))
        .exec(session -> session.set(EVENTS_OPEN, true));
  }

  /** What the tab does when something happened since its last catch-up: the notebook opened, its kernel started. */
  private static ChainBuilder reactions(HubContext context) {
    Tab tab = context.settings().session().tab();
    TabTraffic.Reaction notebook = TabTraffic.notebookOpened(tab);
    TabTraffic.Reaction kernel = TabTraffic.kernelStarted(tab);
    return exec(session -> session)
        .doIf(session -> session.contains(NOTEBOOK_OPENED) && session.contains(TAB_SCHEDULE))
        .then(react(context, notebook).exec(session -> session.remove(NOTEBOOK_OPENED)))
        .doIf(session -> session.contains(KERNEL_ID) && session.contains(NOTEBOOK_SESSION) && !session.contains(KERNEL_SEEN)
            && session.contains(TAB_SCHEDULE))
        .then(react(context, kernel).exec(behindKernel(context)).exec(session -> session.set(KERNEL_SEEN, true)));
  }

  /**
   * The page behind connects to the notebook's kernel too (Notebook 7's folder page, which opened
   * the notebook as a document first): a second websocket to the kernel, with its own session id,
   * in the protocol the suite's first one speaks; held until the tab closes.
   */
  private static ChainBuilder behindKernel(HubContext context) {
    String url = context.urls().onServer("api/kernels/") + SessionKeys.el(KERNEL_ID) + "/channels?session_id=" + SessionKeys.el(BEHIND_KERNEL_SESSION);
    var connect = ws("kernel websocket", BEHIND_KERNEL).connect(url).headers(Browser.WEBSOCKET);
    return exec(session -> session)
        .doIf(session -> session.contains(BEHIND_SCHEDULE))
        .then(
            exec(session -> session.set(BEHIND_KERNEL_SESSION, java.util.UUID.randomUUID().toString()))
                .doIfOrElse(session -> session.contains(SessionKeys.KERNEL_PROTOCOL_V1))
                .then(exec(connect.subprotocol(io.hubload.jupyter.KernelProtocolV1.SUBPROTOCOL)))
                .orElse(exec(connect))
                .exec(session -> session.set(BEHIND_KERNEL_OPEN, true)));
  }

  private static ChainBuilder react(HubContext context, TabTraffic.Reaction reaction) {
    return calls(context, reaction.calls())
        .exec(
            session -> {
              long now = System.currentTimeMillis();
              if (session.contains(TAB_SCHEDULE)) {
                schedule(session).restart(reaction.pollsRestarted(), now);
              }
              if (session.contains(BEHIND_SCHEDULE)) {
                session.<PollSchedule>get(BEHIND_SCHEDULE).restart(reaction.hiddenPollsRestarted(), now);
              }
              return session;
            });
  }

  /** Requests a UI makes once, each its entry; a failure is a KO that does not end the visit. */
  private static ChainBuilder calls(HubContext context, List<TabTraffic.Call> calls) {
    ChainBuilder chain = exec(session -> session);
    for (TabTraffic.Call call : calls) {
      String path = call.path().equals("SESSION") ? context.urls().session() : onServer(context, call.path());
      HttpRequestActionBuilder request =
          switch (call.method()) {
            case "PUT" -> http(call.entry()).put(path).body(StringBody(putBody(context, call.path()))).asJson();
            case "PATCH" -> http(call.entry()).patch(path).body(StringBody(TabRequests::sessionPatch)).asJson();
            default -> http(call.entry()).get(path);
          };
      Integer[] expected = call.optional() ? new Integer[] {200, 204, 404} : new Integer[] {200, 204};
      chain = chain.exec(context.api(request).check(ServerAnswers.status(expected)))
          // Not exitable: a failed call must not take the user out of its visit; the page goes on without it.
          .exec(new StatsHook("tab call answered", (session, stats, clock) -> session.markAsSucceeded()));
    }
    return chain;
  }

  /** A path under the user's server; {@code NOTEBOOK} stands for the notebook's in the contents API. */
  private static String onServer(HubContext context, String path) {
    return path.startsWith("NOTEBOOK") ? context.urls().notebook() + path.substring("NOTEBOOK".length()) : context.urls().onServer(path);
  }

  /** What a UI's PUT saves: the notebook (as the user's code left it), or JupyterLab's workspace. */
  private static String putBody(HubContext context, String path) {
    return path.startsWith("NOTEBOOK")
        ? NotebookModel.saved(context.settings().execute().workload(), context.settings().execute().kernel())
        : TabTraffic.LAB_WORKSPACE_BODY;
  }

  /** JupyterLab's PATCH of the notebook's session: its path, name and type, as they are. */
  private static String sessionPatch(Session session) {
    String path = session.getString(NOTEBOOK_PATH);
    try {
      return JSON.writeValueAsString(Map.of("path", path, "name", path, "type", "notebook"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The code ran: the notebook changed, so the next autosave tick saves it. */
  public static Session notebookChanged(Session session) {
    if (session.contains(TAB_SCHEDULE)) {
      schedule(session).notebookChanged();
    }
    return session;
  }

  /** Makes the tab's requests that are due now, if any: its reactions first, then its polls. */
  public static ChainBuilder catchUp(HubContext context) {
    Tab tab = context.settings().session().tab();
    ChainBuilder chain = reactions(context);
    if (TabTraffic.notebookTabPolls(tab).isEmpty()) {
      return chain.exec(duePolls(context, TAB_SCHEDULE, TabTraffic.polls(tab)));
    }
    // The page behind first (its ticks were armed earlier), then the one in front: the first page
    // until the notebook's tab opens, that tab's after. One pass per schedule: a poll found due is
    // in flight until answered, so it must be among the polls the pass can make.
    List<Poll> front = java.util.stream.Stream.concat(TabTraffic.polls(tab).stream(), TabTraffic.notebookTabPolls(tab).stream()).distinct().toList();
    return chain.exec(duePolls(context, BEHIND_SCHEDULE, TabTraffic.polls(tab))).exec(duePolls(context, TAB_SCHEDULE, front));
  }

  /** The polls of the schedule under {@code key} that are due now, each made once. */
  private static ChainBuilder duePolls(HubContext context, String key, List<Poll> polls) {
    ChainBuilder chain = exec(session -> session.set(DUE, session.contains(key) ? session.<PollSchedule>get(key).due(System.currentTimeMillis()) : List.of()));
    for (Poll poll : polls) {
      chain = chain.doIf(session -> session.<List<Poll>>get(DUE).contains(poll)).then(request(context, poll, key));
    }
    return chain.exec(session -> session.remove(DUE));
  }

  /**
   * The person reads until the time in {@code deadlineKey} (epoch ms): the tab's requests go out as
   * they fall due, and nothing else. Without a tab, a plain pause.
   */
  public static ChainBuilder idleUntil(HubContext context, String deadlineKey) {
    return asLongAs(session -> System.currentTimeMillis() < session.getLong(deadlineKey))
        .on(catchUp(context).pause(session -> untilNext(session, session.getLong(deadlineKey))));
  }

  private static Duration untilNext(Session session, long deadline) {
    long next = session.contains(TAB_SCHEDULE) ? Math.min(deadline, schedule(session).nextDue()) : deadline;
    if (session.contains(BEHIND_SCHEDULE)) {
      next = Math.min(next, session.<PollSchedule>get(BEHIND_SCHEDULE).nextDue());
    }
    return Duration.ofMillis(Math.max(1, next - System.currentTimeMillis()));
  }

  /** The tab is closed (the person stops the server): nothing more is sent, its events websocket closed. */
  public static ChainBuilder close() {
    return exec(
            session -> {
              if (session.contains(TAB_SCHEDULE)) {
                schedule(session).close();
              }
              if (session.contains(BEHIND_SCHEDULE)) {
                session.<PollSchedule>get(BEHIND_SCHEDULE).close();
              }
              return session.remove(TAB_SCHEDULE).remove(BEHIND_SCHEDULE).remove(KERNEL_SEEN).remove(NOTEBOOK_OPENED);
            })
        .doIf(session -> session.contains(EVENTS_OPEN))
        .then(exec(ws("events websocket close", EVENTS).close()).exec(session -> session.remove(EVENTS_OPEN)))
        .doIf(session -> session.contains(SECOND_EVENTS_OPEN))
        .then(exec(ws("events websocket close", SECOND_EVENTS).close()).exec(session -> session.remove(SECOND_EVENTS_OPEN)))
        // Not "kernel websocket close": that entry is the user's stop (TrafficComparison).
        .doIf(session -> session.contains(BEHIND_KERNEL_OPEN))
        .then(exec(ws("folder's kernel websocket close", BEHIND_KERNEL).close()).exec(session -> session.remove(BEHIND_KERNEL_OPEN)));
  }

  /**
   * One of the tab's requests, and what its answer does to the schedule: a 404 from an endpoint
   * the server may lack leaves it out (said once for the run), a failure backs the poll off.
   */
  private static ChainBuilder request(HubContext context, Poll poll, String scheduleKey) {
    String saved = NotebookModel.saved(context.settings().execute().workload(), context.settings().execute().kernel());
    HttpRequestActionBuilder request =
        poll.onlyWhenChanged()
            ? http(poll.entry()).put(context.urls().notebook()).body(StringBody(saved)).asJson()
            : poll.method().equals("PUT")
                ? http(poll.entry()).put(context.urls().onServer(poll.path())).body(StringBody(TabTraffic.LAB_WORKSPACE_BODY)).asJson()
                : http(poll.entry()).get(onServer(context, poll.path()));
    // A save answers 204 (JupyterLab's workspace), a read 200.
    Integer[] expected = poll.optional() ? new Integer[] {200, 204, 404} : new Integer[] {200};
    ChainBuilder answer =
        exec(context.api(request).check(HttpDsl.status().saveAs(STATUS), ServerAnswers.status(expected)))
            // Not exitable: a failed poll must not take the user out of its visit; a browser backs off.
            .exec(new StatsHook("tab request answered", (session, stats, clock) -> answered(session, poll, scheduleKey)));
    if (poll.readBack()) {
      // JupyterLab 4.6 and Notebook 7 read the saved model again and list its checkpoints (each a KO at worst).
      answer = answer.exec(react(context, TabTraffic.afterAutosave(context.settings().session().tab())));
    }
    if (!poll.checkFirst()) {
      return exec(session -> session.remove(STATUS)).exec(answer);
    }
    // The classic UI reads the notebook's model before it saves: no save when that fails.
    return exec(session -> session.remove(STATUS))
        .exec(
            context.api(http(TabTraffic.AUTOSAVE_CHECK).get(context.urls().notebook() + (poll.readBack() ? "?content=0&hash=1" : "?content=0")))
                .check(HttpDsl.status().saveAs(STATUS), ServerAnswers.status(200)))
        .exec(new StatsHook("autosave check answered", (session, stats, clock) -> checked(session, poll, scheduleKey)))
        .doIf(session -> !session.contains(STATUS))
        .then(answer);
  }

  /** After the autosave's check: on to the save (status forgotten), or the failure noted and kept. */
  private static Session checked(Session session, Poll poll, String scheduleKey) {
    boolean ok = session.contains(STATUS) && session.getInt(STATUS) == 200;
    if (ok) {
      return session.remove(STATUS).markAsSucceeded();
    }
    if (session.contains(scheduleKey)) {
      session.<PollSchedule>get(scheduleKey).answered(poll, false, System.currentTimeMillis());
    }
    return session.set(STATUS, -1).markAsSucceeded();
  }

  private static Session answered(Session session, Poll poll, String scheduleKey) {
    if (!session.contains(scheduleKey)) {
      return session.remove(STATUS).markAsSucceeded();
    }
    Integer status = session.contains(STATUS) ? session.getInt(STATUS) : null;
    PollSchedule schedule = session.get(scheduleKey);
    if (poll.optional() && status != null && status == 404) {
      schedule.leaveOut(poll);
      TabNotes.notServed(asked(poll), "\"" + poll.entry() + "\" is left out of every user's tab", System.out);
    } else {
      schedule.answered(poll, status != null && (status == 200 || status == 204), System.currentTimeMillis());
    }
    return session.remove(STATUS).markAsSucceeded();
  }

  private static PollSchedule schedule(Session session) {
    return session.get(TAB_SCHEDULE);
  }
}
