package io.hubload.testing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists, in one block at the end of a test run, every test that did not run and why: a test
 * disabled, or one whose assumption failed because something it needs is not on this machine
 * (Chromium, mitmproxy...; the reason says what to install). JUnit counts them as skipped; this
 * makes them impossible to miss. Registered for surefire and failsafe alike through
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener.
 */
public final class SkippedTests implements TestExecutionListener {

  private final List<String> skipped = new ArrayList<>();
  private final PrintStream out;

  public SkippedTests() {
    this(System.out);
  }

  SkippedTests(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void executionSkipped(TestIdentifier test, String reason) {
    skipped.add(test.getDisplayName() + ": " + reason);
  }

  @Override
  public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
      skipped.add(name(test) + ": " + reason.replaceFirst("^Assumption failed: ", ""));
    }
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan plan) {
    if (skipped.isEmpty()) {
      return;
    }
    out.println();
    out.println("hubload: " + skipped.size() + " test(s) did not run on this machine:");
    skipped.forEach(line -> out.println("  - " + line));
    out.println("hubload: install what each line names to run them (.ci/run installs them all and requires them).");
    skipped.clear();
  }

  /** "FaultsIT.aHubRestartIsRiddenOut" rather than the method's display name alone. */
  private static String name(TestIdentifier test) {
    String id = test.getLegacyReportingName();
    return test.getSource()
        .filter(source -> source instanceof org.junit.platform.engine.support.descriptor.MethodSource)
        .map(source -> (org.junit.platform.engine.support.descriptor.MethodSource) source)
        .map(method -> method.getClassName().replaceFirst(".*\\.", "") + "." + method.getMethodName())
        .orElse(id);
  }
}
