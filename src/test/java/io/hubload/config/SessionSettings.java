package io.hubload.config;

import java.time.Duration;

/** session.*: the part of a visit after the first run of the code: its behaviour and its length. */
public record SessionSettings(SessionSettings.Behaviour behaviour, Duration idleMin, Duration idleMax) {

  /** What a user does once its code has run. */
  public enum Behaviour {
    /** Sits idle, websocket open, nothing sent. */
    IDLE,
    /** Runs its code again every think time. */
    ACTIVE
  }

  static SessionSettings read(SettingReader r) {
    SessionSettings session =
        new SessionSettings(
            r.choice("session.behaviour", Behaviour.class),
            r.duration("session.idle.min", Duration.ZERO, Duration.ofDays(1)),
            r.duration("session.idle.max", Duration.ZERO, Duration.ofDays(1)));
    r.requireNotAbove("session.idle.min", session.idleMin(), "session.idle.max", session.idleMax());
    return session;
  }

  /** The session a user has under a profile: hubtraf's users are active, for hubtraf's times. */
  SessionSettings under(LoadProfile profile) {
    if (profile instanceof LoadProfile.Hubtraf hubtraf) {
      return new SessionSettings(Behaviour.ACTIVE, hubtraf.minSession(), hubtraf.maxSession());
    }
    return this;
  }
}
