package io.hubload.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one line a failed install is said in, from pip's own log as pip 23 writes it. */
class PypiInstallTest {

  @Test
  void aReleasePyPiDoesNotHaveIsNamed(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("install.log");
    Files.write(
        log,
        List.of(
            "Looking in links: /opt/wheels",
            "ERROR: Could not find a version that satisfies the requirement jupyterhub==9.9.9 (from versions: 0.1.0, 6.1.1)",
            "ERROR: No matching distribution found for jupyterhub==9.9.9"));
    assertEquals(Optional.of("ERROR: No matching distribution found for jupyterhub==9.9.9"), PypiInstall.failure(log));
  }

  @Test
  void anotherErrorIsItsLastLine(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("install.log");
    Files.write(log, List.of("Collecting x", "ERROR: first", "  ERROR: Failed building wheel for pyzmq"));
    assertEquals(Optional.of("ERROR: Failed building wheel for pyzmq"), PypiInstall.failure(log));
    assertEquals(Optional.empty(), PypiInstall.failure(dir.resolve("missing.log")));
  }

  @Test
  void whatIsInstalledIsReadFromTheLock() {
    String lock = "jupyterhub==6.1.1 \\\n    --hash=sha256:00\njupyterlab==4.6.6 \\\nnotebook==7.6.5 \\\nipykernel==7.4.0 \\\n";
    assertEquals("jupyterlab 4.6.6, notebook 7.6.5, ipykernel 7.4.0", PypiInstall.pinned(lock, List.of("jupyterlab", "notebook", "ipykernel")));
  }
}
