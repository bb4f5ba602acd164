package io.hubload.testing;

import io.hubload.localhub.ProcessSweeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of the local hub a forked run started, by what they run: the hub, its proxy, the
 * users' servers, their kernels. For tests that wait for one to exist, or that kill one.
 */
public final class LocalHubProcesses {

  /** A fragment of each kind's command line. */
  public static final String HUB = "jupyterhub -f";
  public static final String PROXY = "configurable-http-proxy";
  public static final String SERVER = "jupyterhub.singleuser";
  public static final String SERVER_SCRIPT = "jupyterhub-singleuser";
  public static final String KERNEL = "ipykernel";

  private LocalHubProcesses() {}

  /** The run's local-hub processes whose command line contains {@code fragment}. */
  public static List<ProcessHandle> of(ForkedGatling.Running run, String fragment) {
    return ProcessSweeper.ownedBy(run.pid()).stream()
        .filter(p -> p.info().commandLine().orElse("").contains(fragment))
        .toList();
  }

  /** The users' single-user servers, whichever way the release starts them. */
  public static List<ProcessHandle> servers(ForkedGatling.Running run) {
    return ProcessSweeper.ownedBy(run.pid()).stream()
        .filter(p -> {
          String line = p.info().commandLine().orElse("");
          return line.contains(SERVER) || line.contains(SERVER_SCRIPT);
        })
        .toList();
  }

  /**
   * Restarts the run's hub as {@code helm upgrade} does: the hub process gets SIGTERM and, once it
   * has exited, the same command starts again in the same folder with the same environment (read
   * from /proc), so its proxy and the users' servers run on. The new hub is this JVM's child; it
   * carries the run's marker, so the run still ends it.
   *
   * @param down how long the hub stays down between exiting and starting again
   * @return the new hub process
   */
  public static Process restartHub(ForkedGatling.Running run, Duration down) throws Exception {
    List<ProcessHandle> hubs = of(run, HUB);
    if (hubs.size() != 1) {
      throw new AssertionError("not one hub process: " + hubs);
    }
    long pid = hubs.get(0).pid();
    Path proc = Path.of("/proc", Long.toString(pid));
    List<String> command = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
    Path dir = Files.readSymbolicLink(proc.resolve("cwd"));
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        environment.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    hubs.get(0).destroy();
    hubs.get(0).onExit().get(30, TimeUnit.SECONDS);
    Thread.sleep(down.toMillis());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("jupyterhub.log").toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Deletes a route from the run's proxy through its REST API, as a proxy that lost its routes
   * (restarted, or with a route the hub has not added yet) would be without it. The proxy's API
   * port and token are read from its command line and environment in /proc. The hub puts routes
   * back only when it next checks them: every last_activity_interval, 300 s by default.
   *
   * @param route the route's path, e.g. {@code /user/NAME}
   */
  public static void deleteRoute(ForkedGatling.Running run, String route) throws Exception {
    List<ProcessHandle> proxies = of(run, PROXY);
    if (proxies.size() != 1) {
      throw new AssertionError("not one proxy process: " + proxies);
    }
    Path proc = Path.of("/proc", Long.toString(proxies.get(0).pid()));
    List<String> command = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
    int portAt = command.indexOf("--api-port");
    if (portAt < 0) {
      throw new AssertionError("no --api-port in the proxy's command: " + command);
    }
    String token = null;
    for (String entry : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
      if (entry.startsWith("CONFIGPROXY_AUTH_TOKEN=")) {
        token = entry.substring("CONFIGPROXY_AUTH_TOKEN=".length());
      }
    }
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + command.get(portAt + 1) + "/api/routes" + route))
                    .header("Authorization", "token " + token)
                    .timeout(Duration.ofSeconds(10))
                    .DELETE()
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204) {
      throw new AssertionError("the proxy did not delete " + route + ": HTTP " + response.statusCode());
    }
  }

  private static List<String> nulSeparated(byte[] bytes) {
    List<String> parts = new ArrayList<>();
    for (String part : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** Waits until the run has at least {@code count} kernels. */
  public static List<ProcessHandle> awaitKernels(ForkedGatling.Running run, int count, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> kernels = of(run, KERNEL);
      if (kernels.size() >= count) {
        return kernels;
      }
      if (!run.process().isAlive()) {
        throw new AssertionError("the run ended before " + count + " kernel(s) started:\n" + run.stdoutSoFar());
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not " + count + " kernel(s) within " + timeout + ":\n" + run.stdoutSoFar());
  }
}
