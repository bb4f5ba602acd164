package io.hubload.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What a run was, as summary.json's {@code run} holds it: what was run (simulation, profile,
 * session, workload), against what (the hub), and when. The JSON names are those summaries have
 * always had, so that older baselines still read. Never holds a secret.
 *
 * @param start when the run started (ISO-8601), from simulation.log
 * @param end when its last user was injected (ISO-8601), from simulation.log
 * @param gatlingRun the run's folder name under reports/
 * @param commit the project's git commit, when known
 * @param interrupted the signal that interrupted the run (SIGINT, SIGTERM), null for a run that
 *     ended on its own: an interrupted run's numbers cover only the time it ran, and it is no
 *     baseline
 * @param injectors the injectors that made the load, when there were several: this one's number,
 *     or in a merged summary the runs merged; absent for one injector alone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunFacts(
    String simulation,
    Profile profile,
    Session session,
    String workload,
    String maxDuration,
    Hub hub,
    String usersPrefix,
    String start,
    String end,
    String gatlingRun,
    String commit,
    String interrupted,
    Injectors injectors) {

  /** The load profile: its name, one line about it, and its parameters. */
  public record Profile(String name, String description, Map<String, Object> parameters) {}

  /**
   * What users do after their first execution, for how long (durations as in settings), and their
   * browser tab.
   *
   * @param tab the users' browser tab (session.tab); absent in summaries before it was
   * @param notServed what the tab asked and the server does not serve (e.g. "GET api/me"), left
   *     out of every tab; absent before it was
   */
  public record Session(String behaviour, String min, String max, String tab, List<String> notServed) {}

  /**
   * @param url the hub's URL, checked at start to hold no credentials
   * @param version what GET /hub/api says
   * @param local whether the run started it
   * @param auth form or token
   * @param serverName the named-server template, null for the default server
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hub(String url, String version, boolean local, String auth, String serverName) {}

  /**
   * Several injectors' part in one load.
   *
   * @param count how many injectors made it
   * @param index this injector's number (from 0); null in a merged summary
   * @param startAt when they all started their users (ISO-8601), null when not set
   * @param runs in a merged summary, the runs merged (their folders' names), in index order
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Injectors(int count, Integer index, String startAt, List<String> runs) {}

  /** The same facts, with when the run was and where its report is. */
  public RunFacts withRun(String start, String end, String gatlingRun, String commit) {
    return new RunFacts(
        simulation, profile, session, workload, maxDuration, hub, usersPrefix, start, end, gatlingRun, commit, interrupted, injectors);
  }

  /**
   * The same facts, as a merged run's: its times, folder and injectors, and the signal that cut one
   * of its runs short (null when none was).
   */
  public RunFacts merged(String start, String end, String gatlingRun, Injectors merged, String interrupted) {
    return new RunFacts(
        simulation, profile, session, workload, maxDuration, hub, usersPrefix, start, end, gatlingRun, commit, interrupted, merged);
  }

  /** Whether a signal cut the run short. */
  public boolean wasInterrupted() {
    return interrupted != null;
  }
}
