package io.hubload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a request to a user's server says when the server is not there to answer. */
class ServerAnswersTest {

  @Test
  void theProxysErrorsMeanTheServerIsGone() {
    assertEquals("server gone: HTTP 503 from the proxy (the user's server does not answer)", ServerAnswers.describe(503));
    assertEquals("server gone: HTTP 502 from the proxy (the user's server does not answer)", ServerAnswers.describe(502));
    assertEquals("server gone: HTTP 424 from the hub (the user's server is not running)", ServerAnswers.describe(424));
  }

  @Test
  void otherStatusesAreThemselves() {
    assertEquals("HTTP 500", ServerAnswers.describe(500));
    assertEquals("HTTP 403", ServerAnswers.describe(403));
  }
}
