package io.hubload.journey;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.util.Optional;
import java.util.function.Function;
import scala.Option;
import io.hubload.hubapi.SessionKeys;

/**
 * Wall-clock spans as entries of their own in the Gatling report.
 *
 * <p>A Gatling group reports the sum of its requests' response times, not the time a person
 * waited: a spawn that is a 0.1 s request followed by 20 s of waiting on the progress stream would
 * read as much less than 20 s. {@link #start} notes when a span begins; {@link #record} writes it
 * as one report entry, OK or KO, from that start to now.
 */
public final class WallClock {

  private WallClock() {}

  /** Notes the current time as the start of {@code span}. */
  public static ActionBuilder start(String span) {
    return new StatsHook(
        "start " + span, (session, stats, clock) -> session.set(attribute(span), clock.nowMillis()));
  }

  /**
   * Notes the current time as the end of {@code span}, for a span whose entry is recorded later
   * (after other requests that are not part of it).
   */
  public static ActionBuilder end(String span) {
    return new StatsHook(
        "end " + span, (session, stats, clock) -> session.set(endAttribute(span), clock.nowMillis()));
  }

  /**
   * Records {@code span}, from its start to its {@link #end} or else to now, as the report entry
   * {@code entryName}. It is KO
   * with the reason {@code failure} gives, or OK when that is empty; a KO also marks the virtual
   * user as failed. Nothing is recorded when the span was never started.
   */
  public static ActionBuilder record(
      String entryName, String span, Function<Session, Optional<String>> failure) {
    return new StatsHook(
        "record " + entryName,
        (session, stats, clock) -> {
          if (!session.contains(attribute(span))) {
            return session;
          }
          long start = session.getLong(attribute(span));
          long end =
              session.contains(endAttribute(span)) ? session.getLong(endAttribute(span)) : clock.nowMillis();
          Optional<String> reason = failure.apply(session);
          stats.logResponse(
              session.scenario(),
              session.asScala().groups(),
              entryName,
              start,
              end,
              reason.isPresent() ? KO$.MODULE$ : OK$.MODULE$,
              Option.empty(),
              reason.isPresent() ? Option.apply(reason.get()) : Option.empty());
          SpanLog.append(entryName, session.getString(SessionKeys.USER), start, end, reason.isEmpty());
          Session done = session.remove(attribute(span)).remove(endAttribute(span));
          return reason.isPresent() ? done.markAsFailed() : done;
        });
  }

  /** Milliseconds since {@code span} started, or 0 when it has not. */
  public static long elapsedMillis(Session session, String span) {
    return session.contains(attribute(span))
        ? System.currentTimeMillis() - session.getLong(attribute(span))
        : 0;
  }

  private static String attribute(String span) {
    return "hubload.wallclock." + span;
  }

  private static String endAttribute(String span) {
    return "hubload.wallclock." + span + ".end";
  }
}
