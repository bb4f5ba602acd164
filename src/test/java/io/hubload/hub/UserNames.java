package io.hubload.hub;

import io.hubload.config.Settings;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives each virtual user its own hub user, prefix1, prefix2, ... in the order users start, and
 * its server's name when named servers are used. The same run always uses the same names, so a
 * purge or a rerun finds them.
 */
public final class UserNames implements Iterator<Map<String, Object>> {

  private final Settings.Users users;
  private final Optional<String> serverNameTemplate;
  private final AtomicLong next = new AtomicLong(1);

  public UserNames(Settings.Users users, Optional<String> serverNameTemplate) {
    this.users = users;
    this.serverNameTemplate = serverNameTemplate;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    long n = next.getAndIncrement();
    Map<String, Object> record = new HashMap<>();
    record.put(SessionKeys.USER, users.name(n));
    serverNameTemplate.ifPresent(t -> record.put(SessionKeys.SERVER_NAME, t.replace("{n}", Long.toString(n))));
    return record;
  }
}
