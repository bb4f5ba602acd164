package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.ws;
import static io.hubload.hubapi.SessionKeys.EXECUTION;
import static io.hubload.hubapi.SessionKeys.EXECUTION_INDEX;
import static io.hubload.hubapi.SessionKeys.KERNEL_PROTOCOL_V1;
import static io.hubload.hubapi.SessionKeys.KERNEL_SESSION;
import static io.hubload.hubapi.SessionKeys.USER;

import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.ExecuteSettings;
import io.gatling.javaapi.core.Session;
import io.hubload.jupyter.Cell;
import io.hubload.jupyter.ExecutionTracker;
import io.hubload.jupyter.JupyterMessages;
import io.hubload.jupyter.KernelProtocolV1;
import java.time.Duration;
import java.util.List;
import io.hubload.journey.tab.TabRequests;

/**
 * Step "execute": run code on the kernel over its websocket and check what comes back.
 *
 * <p>A Gatling websocket check consumes one matching frame and drops the frames that do not match
 * it, so the replies to one request (outputs and status on iopub, execute_reply on shell, in no
 * guaranteed order) cannot be checked as a chain of checks. Instead one check sees every frame:
 * its matching condition feeds the frame to the request's {@link ExecutionTracker} and matches
 * the frame that completes the execution; its check then asks the tracker for the verdict. The
 * report entry "execute" is the time from sending the request to that last frame.
 */
public final class Execute {

  public static final String STEP = "execute";
  /** Set once the user has run code: from then on each execution waits the think time first. */
  private static final String EXECUTED_BEFORE = "executedBefore";

  private Execute() {}

  /**
   * Runs the workload (execute.code or the notebook's cells, in order) execute.repeat times, with
   * the think time between two executions.
   */
  public static ChainBuilder step(HubContext context) {
    ExecuteSettings execute = context.settings().execute();
    return group(STEP)
        .on(
            repeat(execute.repeat(), EXECUTION_INDEX)
                .on(round(execute.workload(), execute.thinkTime(), context.timeouts().execute())));
  }

  /** The workload once, each execution after the user's first preceded by the think time. */
  static ChainBuilder round(List<Cell> cells, Duration thinkTime, Duration timeout) {
    ChainBuilder round = exec(session -> session);
    for (Cell cell : cells) {
      round =
          round
              .doIf(session -> session.contains(EXECUTED_BEFORE))
              .then(pause(thinkTime))
              .exec(once(cell, timeout))
              .exec(session -> session.set(EXECUTED_BEFORE, true));
    }
    return round;
  }

  /**
   * One execute_request and its replies, checked against the cell's expected output, in the
   * protocol the websocket speaks: JSON text, or JupyterLab's v1 binary frames (decoded to the
   * same JSON for the tracker).
   */
  static ChainBuilder once(Cell cell, Duration timeout) {
    String code = cell.code();
    String expected = cell.expected();
    return exec(session -> CapacityTally.executing(session.set(EXECUTION, new ExecutionTracker(JupyterMessages.newMessageId()))))
        .doIfOrElse(session -> session.contains(KERNEL_PROTOCOL_V1))
        .then(
            exec(
                ws("execute request", Kernel.WEBSOCKET)
                    .sendBytes(session -> KernelProtocolV1.encode(request(session, code)))
                    .await(timeout)
                    .on(
                        ws.checkBinaryMessage(cell.label())
                            .matching(bodyBytes().transformWithSession((frame, session) -> tracker(session).offer(decoded(frame))).is(true))
                            .check(
                                bodyBytes()
                                    .transformWithSession((frame, session) -> tracker(session).verdict(expected))
                                    // Not is(OK): a failed body check reads only "failed", where a
                                    // verdict in words is the point.
                                    .validate("the expected output and execute_reply", Execute::saidInWords)
                                    .name("the expected output and execute_reply")))))
        .orElse(
            exec(
                // Gatling logs the send itself as a 0 ms entry "execute request"; "execute" is the wait.
                ws("execute request", Kernel.WEBSOCKET)
                    .sendText(session -> request(session, code))
                    .await(timeout)
                    .on(
                        ws.checkTextMessage(cell.label())
                            .matching(
                                bodyString()
                                    .transformWithSession((frame, session) -> tracker(session).offer(frame))
                                    .is(true))
                            .check(
                                // A regex, not bodyString: Gatling quotes what a regex check found.
                                regex(Excerpt.WHOLE_BODY)
                                    .transformWithSession((frame, session) -> tracker(session).verdict(expected))
                                    .is(ExecutionTracker.OK)
                                    .name("the expected output and execute_reply")))))
        .exec(session -> TabRequests.notebookChanged(CapacityTally.executed(session.remove(EXECUTION))));
  }

  /**
   * The tracker's verdict, which fails the check with its own words unless it is OK. Gatling
   * prefixes them with the exception's short class name: "i.h.h.Execute$Verdict: output ...".
   */
  private static String saidInWords(String verdict, Session session) {
    if (!ExecutionTracker.OK.equals(verdict)) {
      throw new Verdict(verdict);
    }
    return verdict;
  }

  /** What an execution that failed its check came to, in words. */
  private static final class Verdict extends RuntimeException {
    Verdict(String words) {
      super(words, null, false, false);
    }
  }

  /** A binary frame for the tracker: the v1 message as JSON, or nothing it could read. */
  private static String decoded(byte[] frame) {
    try {
      return KernelProtocolV1.decode(frame);
    } catch (IllegalArgumentException notV1) {
      return "";
    }
  }

  private static String request(Session session, String code) {
    return JupyterMessages.executeRequest(
        tracker(session).msgId(), session.getString(KERNEL_SESSION), session.getString(USER), code);
  }

  private static ExecutionTracker tracker(Session session) {
    return session.get(EXECUTION);
  }
}
