package io.hubload.config;

import java.time.Duration;

/**
 * session.*: the part of a visit after the first run of the code: its behaviour and its length,
 * and what the user's browser tab sends beside the user's own steps.
 */
public record SessionSettings(SessionSettings.Behaviour behaviour, Duration idleMin, Duration idleMax, Tab tab) {

  /** What a user does once its code has run. */
  public enum Behaviour {
    /** Sits idle, websocket open, nothing sent by the user. */
    IDLE,
    /** Runs its code again every think time. */
    ACTIVE
  }

  /** What the user's browser tab is: the UI whose background traffic runs beside the user. */
  public enum Tab {
    /** JupyterLab 4: its polls, its kernel protocol, its autosave (see io.hubload.journey.tab). */
    LAB,
    /**
     * Notebook 7: its folder page, then the notebook in a tab of its own, the folder's standing by
     * behind it; JupyterLab's polls without the workspaces, the notebook's checkpoints every 30 s.
     */
    NOTEBOOK,
    /** The classic notebook UI (notebook 6), as recorded with a real browser. */
    CLASSIC,
    /** No tab: only the user's own steps, through the REST API and the kernel websocket. */
    API
  }

  static SessionSettings read(SettingReader r) {
    SessionSettings session =
        new SessionSettings(
            r.choice("session.behaviour", Behaviour.class),
            r.duration("session.idle.min", Duration.ZERO, Duration.ofDays(1)),
            r.duration("session.idle.max", Duration.ZERO, Duration.ofDays(1)),
            r.choice("session.tab", Tab.class));
    r.requireNotAbove("session.idle.min", session.idleMin(), "session.idle.max", session.idleMax());
    return session;
  }

  /** The session a user has under a profile: hubtraf's users are active, for hubtraf's times. */
  SessionSettings under(LoadProfile profile) {
    if (profile instanceof LoadProfile.Hubtraf hubtraf) {
      return new SessionSettings(Behaviour.ACTIVE, hubtraf.minSession(), hubtraf.maxSession(), tab);
    }
    return this;
  }
}
