package io.hubload.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How virtual users are started: the question a run asks of the hub. Pure data, read from the
 * load.* settings; the simulations' Injection turns it into Gatling's injection.
 */
public sealed interface LoadProfile
    permits LoadProfile.Ramp,
        LoadProfile.Hubtraf,
        LoadProfile.Steps,
        LoadProfile.Soak,
        LoadProfile.Spike,
        LoadProfile.Capacity {

  /** The name load.profile takes. */
  String name();

  /** How long users keep being started, from the first to the last. */
  Duration injectionDuration();

  /** One line for the console and the report's metadata. */
  String describe();

  /** A closed model: Gatling replaces each user who leaves, to hold a concurrency. */
  default boolean closedModel() {
    return this instanceof Steps || this instanceof Soak || this instanceof Capacity;
  }

  /**
   * The smallest number of users the profile starts or holds at once: its users, or for steps the
   * first level's concurrency. Several injectors each need a share of it.
   */
  default int smallestCount() {
    if (this instanceof Steps steps) {
      return steps.concurrencyLevels().get(0);
    }
    if (this instanceof Capacity capacity) {
      return capacity.concurrencyLevels().get(0);
    }
    if (this instanceof Ramp ramp) {
      return ramp.users();
    }
    if (this instanceof Hubtraf hubtraf) {
      return hubtraf.users();
    }
    if (this instanceof Soak soak) {
      return soak.users();
    }
    return ((Spike) this).users();
  }

  /**
   * The most users the profile has under way at once: its users, or for steps the last level's
   * concurrency. User numbers reach it (in a closed model, numbers are reused, never beyond).
   */
  default int largestCount() {
    if (this instanceof Steps steps) {
      List<Integer> levels = steps.concurrencyLevels();
      return levels.get(levels.size() - 1);
    }
    if (this instanceof Capacity capacity) {
      return capacity.ceiling();
    }
    return smallestCount();
  }

  /** The profile's parameters by name, durations as written in settings, for summary.json. */
  Map<String, Object> parameters();

  /** Name-value pairs, in order. */
  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1] instanceof Duration d ? Durations.format(d) : pairs[i + 1]);
    }
    return map;
  }

  /** "Can 100 students start at 9:00?": users arrive evenly over a period (open model). */
  record Ramp(int users, Duration over) implements LoadProfile {
    public Map<String, Object> parameters() {
      return ordered("users", users, "over", over);
    }

    public String name() {
      return "ramp";
    }

    public Duration injectionDuration() {
      return over;
    }

    public String describe() {
      return "ramp: " + users + " users arriving over " + Durations.format(over);
    }
  }

  /**
   * hubtraf's load: each user starts after a random delay up to maxStartDelay and runs its code
   * again and again for a random time in [minSession, maxSession] (open model).
   */
  record Hubtraf(int users, Duration maxStartDelay, Duration minSession, Duration maxSession)
      implements LoadProfile {
    public Map<String, Object> parameters() {
      return ordered("users", users, "maxStartDelay", maxStartDelay, "minSession", minSession, "maxSession", maxSession);
    }

    public String name() {
      return "hubtraf";
    }

    public Duration injectionDuration() {
      return maxStartDelay;
    }

    public String describe() {
      return "hubtraf: "
          + users
          + " users starting within "
          + Durations.format(maxStartDelay)
          + ", each running code for "
          + Durations.format(minSession)
          + " to "
          + Durations.format(maxSession);
    }
  }

  /**
   * "Where is the knee?": concurrency rises by usersPerStep at each of levels levels, starting
   * above startFrom; each level is reached over ramp and held for hold (closed model: a user who
   * finishes is replaced by a new one).
   */
  record Steps(int usersPerStep, int levels, Duration hold, Duration ramp, int startFrom)
      implements LoadProfile {
    public Map<String, Object> parameters() {
      return ordered("usersPerStep", usersPerStep, "levels", levels, "hold", hold, "ramp", ramp, "startFrom", startFrom);
    }

    public String name() {
      return "steps";
    }

    public Duration injectionDuration() {
      return hold.plus(ramp).multipliedBy(levels);
    }

    public String describe() {
      return "steps: "
          + concurrencyLevels()
          + " concurrent users, each level held "
          + Durations.format(hold)
          + " after a "
          + Durations.format(ramp)
          + " ramp";
    }

    /** The concurrency of each level: startFrom + step, startFrom + 2 * step, ... */
    public List<Integer> concurrencyLevels() {
      List<Integer> levelUsers = new ArrayList<>();
      for (int i = 1; i <= levels; i++) {
        levelUsers.add(startFrom + i * usersPerStep);
      }
      return levelUsers;
    }
  }

  /** "Does it hold for an hour?": concurrency ramps up to users, then is held (closed model). */
  record Soak(int users, Duration rampUp, Duration duration) implements LoadProfile {
    public Map<String, Object> parameters() {
      return ordered("users", users, "rampUp", rampUp, "duration", duration);
    }

    public String name() {
      return "soak";
    }

    public Duration injectionDuration() {
      return rampUp.plus(duration);
    }

    public String describe() {
      return "soak: " + users + " concurrent users for " + Durations.format(duration)
          + " after a " + Durations.format(rampUp) + " ramp-up";
    }
  }

  /** "A class starts together": all users at once, or within a short time (open model). */
  record Spike(int users, Duration within) implements LoadProfile {
    public Map<String, Object> parameters() {
      return ordered("users", users, "within", within);
    }

    public String name() {
      return "spike";
    }

    public Duration injectionDuration() {
      return within;
    }

    public String describe() {
      return "spike: " + users + " users " + (within.isZero() ? "at once" : "within " + Durations.format(within));
    }
  }

  /**
   * "How many users does my hub hold?": concurrency climbs level by level (closed model), each
   * level reached over ramp and held for hold, from first users up by a factor of growth at each
   * level, to the ceiling. The run judges each level on the service levels (slo.*) and ends at the
   * first level that breaks one.
   *
   * <p>The levels grow geometrically, so that a hub of 1,000 users needs about a dozen levels
   * rather than a hundred, and the verdict is as precise as one step: within a factor of growth.
   * They are fixed before the first user (Gatling plans its injection up front); to narrow a
   * verdict down, run again from the last level held with a smaller growth.
   */
  record Capacity(int ceiling, int first, double growth, Duration ramp, Duration hold) implements LoadProfile {
    public Map<String, Object> parameters() {
      return ordered("ceiling", ceiling, "first", first, "growth", growth, "ramp", ramp, "hold", hold);
    }

    public String name() {
      return "capacity";
    }

    public Duration injectionDuration() {
      return hold.plus(ramp).multipliedBy(concurrencyLevels().size());
    }

    public String describe() {
      return "capacity: up to "
          + ceiling
          + " concurrent users in levels of "
          + concurrencyLevels()
          + ", each held "
          + Durations.format(hold)
          + " after a "
          + Durations.format(ramp)
          + " ramp, until a service level breaks";
    }

    /** first, then each level growth times the one before (at least one more user), then the ceiling. */
    public List<Integer> concurrencyLevels() {
      List<Integer> levels = new ArrayList<>();
      int level = first;
      while (level < ceiling) {
        levels.add(level);
        level = Math.max(level + 1, (int) Math.ceil(level * growth));
      }
      levels.add(ceiling);
      return levels;
    }
  }

  /** The names load.profile accepts. */
  List<String> NAMES = List.of("ramp", "hubtraf", "steps", "soak", "spike", "capacity");

  /**
   * Reads the profile load.profile names. Every profile's parameters are checked, used or not, so
   * that a mistake shows when it is made rather than the day that profile is chosen.
   */
  static LoadProfile read(SettingReader r) {
    Duration zero = Duration.ZERO;
    Duration day = Duration.ofDays(1);
    Duration week = Duration.ofDays(7);
    int users = r.integer("load.users", 1, 1_000_000);
    Duration ramp = r.duration("load.ramp", zero, day);

    Duration minSession = r.duration("load.hubtraf.min-session", zero, day);
    Duration maxSession = r.duration("load.hubtraf.max-session", zero, day);
    r.requireNotAbove("load.hubtraf.min-session", minSession, "load.hubtraf.max-session", maxSession);
    List<LoadProfile> profiles =
        List.of(
            new Ramp(users, ramp),
            new Hubtraf(users, r.duration("load.hubtraf.max-start-delay", zero, day), minSession, maxSession),
            new Steps(
                r.integer("load.steps.users-per-step", 1, 100_000),
                r.integer("load.steps.levels", 1, 1000),
                r.duration("load.steps.hold", Duration.ofSeconds(1), day),
                r.duration("load.steps.ramp", zero, day),
                r.integer("load.steps.start-from", 0, 100_000)),
            new Soak(users, ramp, r.duration("load.soak.duration", Duration.ofSeconds(1), week)),
            new Spike(users, r.duration("load.spike.within", zero, day)),
            new Capacity(
                users,
                r.integer("load.capacity.first", 1, 1_000_000),
                r.number("load.capacity.growth", 1.05, 10),
                r.duration("load.capacity.ramp", zero, day),
                r.duration("load.capacity.hold", Duration.ofSeconds(1), day)));

    String name = r.string("load.profile").toLowerCase(java.util.Locale.ROOT);
    for (LoadProfile profile : profiles) {
      if (profile.name().equals(name)) {
        if (profile instanceof Capacity capacity && capacity.first() > capacity.ceiling()) {
          throw new InvalidSettingException(
              "load.capacity.first",
              Integer.toString(capacity.first()),
              "above the ceiling, load.users = " + capacity.ceiling());
        }
        return profile;
      }
    }
    throw new InvalidSettingException(
        "load.profile", r.string("load.profile"), "must be one of " + String.join(", ", NAMES));
  }
}
