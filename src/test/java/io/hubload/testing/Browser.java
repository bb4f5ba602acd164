package io.hubload.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, to open a page the suite wrote as a person's browser would, scripts
 * and all. A machine without it skips the calling test, saying why, unless
 * HUBLOAD_REQUIRE_CHROMIUM is set (as .ci/run sets it, after installing it).
 */
public final class Browser {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Browser() {}

  /**
   * Skips the calling test when Chromium is missing, saying why ({@code purpose}: "to open X
   * with"), or fails it when HUBLOAD_REQUIRE_CHROMIUM is set.
   */
  public static void require(String purpose) {
    boolean here = Files.isExecutable(CHROMIUM);
    if (!here && System.getenv("HUBLOAD_REQUIRE_CHROMIUM") != null) {
      throw new AssertionError("Chromium is required (HUBLOAD_REQUIRE_CHROMIUM) but " + CHROMIUM + " is missing");
    }
    assumeTrue(here, "skipped: no " + CHROMIUM + " " + purpose + " (apt-get install chromium)");
  }

  /** The page's DOM once its scripts have run. */
  public static String domOf(Path page) throws IOException, InterruptedException {
    require("to open " + page.getFileName() + " with");
    Path profile = Files.createTempDirectory("chromium-profile");
    Process chromium =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--window-size=1300,2000",
                    "--virtual-time-budget=5000",
                    "--dump-dom",
                    page.toUri().toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      throw new AssertionError("Chromium did not finish with " + page + " within 60 s");
    }
    return dom;
  }
}
