package io.hubload.testing;

import io.hubload.localhub.ProcessSweeper;
import java.time.Duration;
import java.util.List;

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
