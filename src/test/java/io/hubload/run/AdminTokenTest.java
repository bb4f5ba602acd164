package io.hubload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Answers of GET /hub/api/user, as JupyterHub 3.0 gave them on the local hub. */
class AdminTokenTest {

  private static final String SERVICE =
      "{\"kind\": \"service\", \"name\": \"hubload\", \"admin\": false, \"scopes\": [\"admin:servers\", \"admin:users\", \"list:users\", \"read:metrics\", \"servers\", \"tokens\", \"users\"]}";

  @Test
  void anAdminServiceTokenPasses() {
    assertNull(AdminToken.problem(200, SERVICE));
  }

  @Test
  void refusedTokensAreExplained() {
    assertTrue(AdminToken.problem(403, "{\"status\": 403, \"message\": \"Forbidden\"}").startsWith("the hub refused it (HTTP 403"));
    assertTrue(AdminToken.problem(401, "").startsWith("the hub refused it (HTTP 401"));
  }

  @Test
  void missingScopesAreNamed() {
    String user =
        "{\"kind\": \"user\", \"name\": \"alice\", \"scopes\": [\"servers!user=alice\", \"tokens!user=alice\"]}";
    assertEquals(
        "the token of user alice lacks the scopes admin:users, tokens, admin:servers",
        AdminToken.problem(200, user));
  }

  @Test
  void oldHubsWithoutScopesNeedAnAdmin() {
    assertNull(AdminToken.problem(200, "{\"kind\": \"user\", \"name\": \"root\", \"admin\": true}"));
    assertEquals("user bob is not an admin", AdminToken.problem(200, "{\"kind\": \"user\", \"name\": \"bob\", \"admin\": false}"));
  }
}
