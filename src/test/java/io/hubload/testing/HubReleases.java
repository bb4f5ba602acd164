package io.hubload.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubload.run.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JupyterHub releases the integration tests run against: Debian's package (3.0), and
 * JupyterHub 4.1.6's own release archive, which the project's CI finds in shared/hubs/ beside the
 * clone. A clone elsewhere has no such archive: its 4.1.6 tests are skipped, saying why, unless
 * HUBLOAD_REQUIRE_JUPYTERHUB_416 is set (as .ci/run sets it), which makes a missing archive fail.
 */
public final class HubReleases {

  /** Where the archive is, from the project's folder. */
  public static final String JUPYTERHUB_416 = "../shared/hubs/jupyterhub-4.1.6.tar.gz";

  private HubReleases() {}

  /** The localhub.jupyterhub value for 4.1.6; skips the calling test when it is not here. */
  public static String jupyterhub416() {
    Path archive = ProjectPaths.basedir().resolve(JUPYTERHUB_416).normalize();
    boolean here = Files.isRegularFile(archive);
    if (!here && System.getenv("HUBLOAD_REQUIRE_JUPYTERHUB_416") != null) {
      throw new AssertionError("JupyterHub 4.1.6 is required (HUBLOAD_REQUIRE_JUPYTERHUB_416) but " + archive + " is missing");
    }
    assumeTrue(here, "skipped: JupyterHub 4.1.6's archive is not at " + archive + " (see docs/tests.md)");
    return archive.toString();
  }
}
