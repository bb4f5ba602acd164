package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.localhub.ProcessSweeper;
import io.hubload.testing.ForkedGatling;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The gate as a user meets it: Maven itself, running the smoke simulation with an expected output
 * the code does not produce, ends in a failed build. (SmokeGateIT shows the same run's exit code
 * and where the KOs are; this shows that the Gatling Maven plugin turns it into BUILD FAILURE.)
 *
 * <p>Isolated: it checks that no local hub of the machine outlives its owner, which a class running
 * beside it may be showing on purpose at that moment.
 */
@Isolated
class MavenGateIT {

  @Test
  void aFailingSmokeRunFailsTheMavenBuild() throws Exception {
    Path basedir = Path.of(System.getProperty("hubload.basedir")).toAbsolutePath();
    Path mvn = Path.of(System.getProperty("hubload.mavenHome"), "bin", "mvn");
    Path log = basedir.resolve("target/it/maven-gate.log");
    Files.createDirectories(log.getParent());
    Process maven =
        new ProcessBuilder(
                List.of(
                    mvn.toString(),
                    "-B",
                    "-o",
                    "-Dmaven.repo.local=" + System.getProperty("hubload.mavenRepo"),
                    "gatling:test",
                    "-Dgatling.simulationClass=io.hubload.simulations.SmokeSimulation",
                    "-Dexecute.expected=21",
                    "-Dhubload.reports=" + basedir.resolve("target/it/reports")))
            .directory(basedir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "Maven ends");
      String output = Files.readString(log, StandardCharsets.UTF_8);

      assertNotEquals(0, maven.exitValue(), output);
      assertTrue(output.contains("BUILD FAILURE"), output);
      assertTrue(output.contains("Gatling simulation assertions failed"), output);
      assertTrue(ProcessSweeper.orphans().isEmpty(), "the run's local hub is gone");
    } finally {
      ForkedGatling.killTree(maven.toHandle());
      ProcessSweeper.orphans().forEach(ProcessHandle::destroyForcibly);
    }
  }
}
