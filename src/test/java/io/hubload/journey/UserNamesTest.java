package io.hubload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hubload.config.Shard;
import io.hubload.config.UserSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import io.hubload.hubapi.SessionKeys;

class UserNamesTest {

  @Test
  void eachArrivalIsANewUserInAnOpenModel() {
    UserNames names = new UserNames(new UserSettings("t-"), Optional.of("lab-{n}"), false, Shard.WHOLE);
    Map<String, Object> first = names.next();
    assertEquals("t-1", first.get(SessionKeys.USER));
    assertEquals("lab-1", first.get(SessionKeys.SERVER_NAME));
    assertEquals("t-2", names.next().get(SessionKeys.USER));
    names.giveBack(1);
    assertEquals("t-3", names.next().get(SessionKeys.USER), "an open model never reuses a name");
  }

  @Test
  void aClosedModelRecyclesTheLowestFreeName() {
    UserNames names = new UserNames(new UserSettings("t-"), Optional.empty(), true, Shard.WHOLE);
    names.next(); // t-1
    names.next(); // t-2
    names.next(); // t-3
    names.giveBack(2); // t-2 leaves, then t-1
    names.giveBack(1);
    assertEquals("t-1", names.next().get(SessionKeys.USER));
    assertEquals("t-2", names.next().get(SessionKeys.USER));
    assertEquals("t-4", names.next().get(SessionKeys.USER));
  }

  @Test
  void injectorsNeverNameTwoUsersAlike() {
    // Three injectors, open and closed: each takes 50 names, a closed one giving some back and
    // taking them again; no name is used by two injectors, and one injector alone is unchanged.
    java.util.Map<String, Integer> owner = new java.util.HashMap<>();
    for (boolean closed : new boolean[] {false, true}) {
      owner.clear();
      for (int i = 0; i < 3; i++) {
        UserNames names = new UserNames(new UserSettings("t-"), Optional.of("s-{n}"), closed, new Shard(i, 3));
        for (int k = 0; k < 50; k++) {
          Map<String, Object> user = names.next();
          if (k % 7 == 3) {
            names.giveBack((Long) user.get(SessionKeys.USER_NUMBER));
          }
          Integer before = owner.putIfAbsent((String) user.get(SessionKeys.USER), i);
          assertEquals(before == null ? i : before, i, user.get(SessionKeys.USER) + " of two injectors");
          assertEquals("s-" + user.get(SessionKeys.USER_NUMBER), user.get(SessionKeys.SERVER_NAME));
        }
      }
    }
    UserNames first = new UserNames(new UserSettings("t-"), Optional.empty(), false, new Shard(0, 3));
    assertEquals("t-1", first.next().get(SessionKeys.USER));
    assertEquals("t-4", first.next().get(SessionKeys.USER));
    UserNames third = new UserNames(new UserSettings("t-"), Optional.empty(), false, new Shard(2, 3));
    assertEquals("t-3", third.next().get(SessionKeys.USER));
    assertEquals("t-6", third.next().get(SessionKeys.USER));
  }
}
