package io.hubload.journey;

import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.action.SessionHook;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.internal.Expressions;

/**
 * A session function that may write to Gatling's statistics, as {@code exec(session -> ...)} would
 * run it, but given the run's {@link StatsEngine} and {@link Clock}.
 *
 * <p>Gatling's Java DSL has no public way to add a report entry with a start time of our own; this
 * reaches one level below it, to the Scala action builder that every DSL action is. The action is
 * not "exitable": it runs even when the virtual user is failing out of an {@code
 * exitBlockOnFail} block, so that a failed spawn still gets its KO entry.
 */
public final class StatsHook implements ActionBuilder {

  /** What the hook does to a session. */
  @FunctionalInterface
  public interface Body {
    Session apply(Session session, StatsEngine stats, Clock clock);
  }

  private final String name;
  private final Body body;

  public StatsHook(String name, Body body) {
    this.name = name;
    this.body = body;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        StatsEngine stats = ctx.coreComponents().statsEngine();
        Clock clock = ctx.coreComponents().clock();
        return new SessionHook(
            Expressions.javaSessionFunctionToExpression(session -> body.apply(session, stats, clock)),
            name,
            stats,
            next);
      }
    };
  }
}
