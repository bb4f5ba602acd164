package io.hubload.run;

import java.nio.file.Path;

/**
 * Where a run keeps things. Maven tells the forked Gatling JVM where the project is (see the
 * plugin's jvmArgs in pom.xml); without it, the working directory is the project.
 */
public final class ProjectPaths {

  private ProjectPaths() {}

  public static Path basedir() {
    return Path.of(System.getProperty("hubload.basedir", "")).toAbsolutePath();
  }

  /** Where the local hub's run folders go. */
  public static Path localHubWork() {
    return basedir().resolve("target").resolve("localhub");
  }

  /** Where Gatling writes its run folders (the Maven plugin fixes it to target/gatling). */
  public static Path gatlingResults() {
    String configured = System.getProperty("hubload.gatlingResults");
    return configured != null
        ? Path.of(configured).toAbsolutePath()
        : basedir().resolve("target").resolve("gatling");
  }

  /**
   * Where finished runs are kept for people and for comparisons: reports/RUN/. The tests point
   * hubload.reports elsewhere so that their runs do not mix with real ones.
   */
  public static Path reports() {
    String configured = System.getProperty("hubload.reports");
    return configured != null ? Path.of(configured).toAbsolutePath() : basedir().resolve("reports");
  }
}
