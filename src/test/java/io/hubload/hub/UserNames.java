package io.hubload.hub;

import io.hubload.config.Settings;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives each virtual user its own hub user: prefix1, prefix2, ... in the order users start. The
 * same run always uses the same names, so a purge or a rerun finds them.
 */
public final class UserNames implements Iterator<Map<String, Object>> {

  private final Settings.Users users;
  private final AtomicLong next = new AtomicLong(1);

  public UserNames(Settings.Users users) {
    this.users = users;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    return Map.of(SessionKeys.USER, users.name(next.getAndIncrement()));
  }
}
