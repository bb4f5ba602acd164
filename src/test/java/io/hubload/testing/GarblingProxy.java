package io.hubload.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real proxy in front of a hub that garbles some of its answers on purpose: Debian's mitmproxy
 * (mitmdump in reverse mode) with the addon src/test/resources/faults/garbling_proxy.py, which
 * says what each mode garbles. A machine without mitmproxy skips the calling test, saying why,
 * unless HUBLOAD_REQUIRE_MITMPROXY is set (as .ci/run sets it, after installing it).
 */
public final class GarblingProxy implements AutoCloseable {

  private static final Path MITMDUMP = Path.of("/usr/bin/mitmdump");
  private static final Path ADDON = Path.of("src", "test", "resources", "faults", "garbling_proxy.py");

  private final Process process;
  private final URI url;

  private GarblingProxy(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  /** Starts the proxy in front of {@code hub}, garbling as {@code mode} says, and waits until it listens. */
  public static GarblingProxy start(URI hub, String mode, Path log) throws IOException, InterruptedException {
    boolean here = Files.isExecutable(MITMDUMP);
    if (!here && System.getenv("HUBLOAD_REQUIRE_MITMPROXY") != null) {
      throw new AssertionError("mitmproxy is required (HUBLOAD_REQUIRE_MITMPROXY) but " + MITMDUMP + " is missing");
    }
    assumeTrue(here, "skipped: no " + MITMDUMP + " to garble the hub's answers with (apt-get install mitmproxy)");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                List.of(
                    MITMDUMP.toString(),
                    "--mode", "reverse:" + hub,
                    "--listen-host", "127.0.0.1",
                    "--listen-port", Integer.toString(port),
                    // The hub and the servers see the address the users asked for, as behind a
                    // real load balancer: their redirects and websocket origin checks hold.
                    "--set", "keep_host_header=true",
                    "--set", "garble=" + mode,
                    "-s", ADDON.toAbsolutePath().toString(),
                    "--flow-detail", "0"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    GarblingProxy proxy = new GarblingProxy(process, URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("mitmdump exited at start; see " + log);
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return proxy;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    proxy.close();
    throw new AssertionError("mitmdump did not listen within 30 s; see " + log);
  }

  /** Where the users go: the proxy, in place of the hub. */
  public URI url() {
    return url;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
