package io.hubload.run;

import java.util.List;

/** How a JVM that runs Gatling is started, when the suite starts one itself. */
public final class GatlingJvm {

  /**
   * The JVM options the Gatling Maven plugin gives its fork (GatlingConstants in the plugin):
   * Gatling's log reader and writer need the two add-opens. deploy/bin/hubload, a shell script,
   * states them once more.
   */
  public static final List<String> OPTIONS =
      List.of(
          "-Xmx1G",
          "-XX:MaxInlineLevel=20",
          "-XX:MaxTrivialSize=12",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");

  private GatlingJvm() {}
}
