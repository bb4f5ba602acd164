package io.hubload.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnedProcessTest {

  @Test
  void closeEndsTheProcessOnceAndReleasesTheShutdownHook() throws Exception {
    AtomicInteger endings = new AtomicInteger();
    OwnedProcess owned =
        OwnedProcess.start(
            new ProcessBuilder("sleep", "60"),
            "hubload-test-stop",
            process -> {
              endings.incrementAndGet();
              process.destroyForcibly();
            });
    Process process = owned.process();
    assertTrue(process.isAlive());
    owned.close();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "ended");
    owned.close();
    assertEquals(1, endings.get(), "ended once, however often closed");
    assertFalse(process.isAlive());
  }

  @Test
  void aFreePortCanBeBound() throws Exception {
    int port = FreePort.onLoopback();
    try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertEquals(port, socket.getLocalPort());
    }
  }
}
