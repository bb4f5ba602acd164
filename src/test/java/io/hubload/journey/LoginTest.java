package io.hubload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the answer to the login form reads in the report. */
class LoginTest {

  @Test
  void aRedirectIsALogin() {
    assertEquals("redirected", Login.loginResult(302));
    assertEquals("redirected", Login.loginResult(303));
  }

  @Test
  void theFormAgainOrAForbiddenIsARefusal() {
    assertEquals(
        "login refused (HTTP 200): wrong password, or the authenticator does not accept this user",
        Login.loginResult(200));
    assertEquals(
        "login refused (HTTP 403): wrong password, or the authenticator does not accept this user",
        Login.loginResult(403));
  }

  @Test
  void anythingElseIsTheStatus() {
    assertEquals("HTTP 500", Login.loginResult(500));
    assertEquals("HTTP 429", Login.loginResult(429));
  }
}
