package io.hubload.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hubload.config.UserSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserNamesTest {

  @Test
  void eachArrivalIsANewUserInAnOpenModel() {
    UserNames names = new UserNames(new UserSettings("t-"), Optional.of("lab-{n}"), false);
    Map<String, Object> first = names.next();
    assertEquals("t-1", first.get(SessionKeys.USER));
    assertEquals("lab-1", first.get(SessionKeys.SERVER_NAME));
    assertEquals("t-2", names.next().get(SessionKeys.USER));
    names.giveBack(1);
    assertEquals("t-3", names.next().get(SessionKeys.USER), "an open model never reuses a name");
  }

  @Test
  void aClosedModelRecyclesTheLowestFreeName() {
    UserNames names = new UserNames(new UserSettings("t-"), Optional.empty(), true);
    names.next(); // t-1
    names.next(); // t-2
    names.next(); // t-3
    names.giveBack(2); // t-2 leaves, then t-1
    names.giveBack(1);
    assertEquals("t-1", names.next().get(SessionKeys.USER));
    assertEquals("t-2", names.next().get(SessionKeys.USER));
    assertEquals("t-4", names.next().get(SessionKeys.USER));
  }
}
