package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.Shard;
import io.hubload.config.UserSettings;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.hubload.hubapi.SessionKeys;

/**
 * Gives each virtual user its own hub user, prefix1, prefix2, ... and its server's name when named
 * servers are used. The same run always uses the same names, so a purge or a rerun finds them.
 *
 * <p>In an open model every arrival is a new person: a new name. In a closed model (steps, soak)
 * Gatling replaces each user who leaves to hold the concurrency; there the names are recycled,
 * the lowest free one first, so that holding 100 users for an hour means 100 hub users coming
 * back, not thousands of new ones (each with a home, and on Kubernetes a volume).
 *
 * <p>One of several injectors numbers its users as its {@link Shard} says, apart from the others'.
 */
public final class UserNames implements Iterator<Map<String, Object>> {

  private final UserSettings users;
  private final Optional<String> serverNameTemplate;
  private final boolean recycle;
  private final Shard shard;
  private final AtomicLong next = new AtomicLong(1);
  private final ConcurrentSkipListSet<Long> free = new ConcurrentSkipListSet<>();
  /** Journeys under way, for the hub's timeline: from a user's name given to its release. */
  private static final AtomicInteger ACTIVE = new AtomicInteger();

  public UserNames(UserSettings users, Optional<String> serverNameTemplate, boolean recycle, Shard shard) {
    this.users = users;
    this.shard = shard;
    this.serverNameTemplate = serverNameTemplate;
    this.recycle = recycle;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    ACTIVE.incrementAndGet();
    Long reused = recycle ? free.pollFirst() : null;
    long n = reused != null ? reused : shard.userNumber(next.getAndIncrement());
    Map<String, Object> record = new HashMap<>();
    record.put(SessionKeys.USER_NUMBER, n);
    record.put(SessionKeys.USER, users.name(n));
    serverNameTemplate.ifPresent(t -> record.put(SessionKeys.SERVER_NAME, t.replace("{n}", Long.toString(n))));
    return record;
  }

  /** The journey's last action: the user's name is free again (when names are recycled). */
  public ChainBuilder release() {
    return exec(
        session -> {
          ACTIVE.decrementAndGet();
          if (session.contains(SessionKeys.USER_NUMBER)) {
            giveBack(session.getLong(SessionKeys.USER_NUMBER));
          }
          return session;
        });
  }

  /** Virtual users whose journey is under way. */
  public static int active() {
    return ACTIVE.get();
  }

  /** Frees the n-th name for the next user, when names are recycled. */
  void giveBack(long n) {
    if (recycle) {
      free.add(n);
    }
  }
}
