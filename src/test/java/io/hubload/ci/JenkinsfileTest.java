package io.hubload.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jenkinsfile parses as Groovy and, run against a recorder instead of Jenkins, has the nightly
 * trigger, the parameters, the stages and the published artifacts the README promises, and calls
 * Maven goals that exist in pom.xml.
 */
class JenkinsfileTest {

  private static PipelineRecorder.Call pipeline;

  @BeforeAll
  static void runTheJenkinsfile() throws Exception {
    CompilerConfiguration config = new CompilerConfiguration();
    config.setScriptBaseClass(PipelineRecorder.class.getName());
    Binding binding = new Binding();
    binding.setVariable("params", new HashMap<String, Object>(Map.of("HUB_URL", "", "LOAD_PROFILE", "ramp", "LOAD_USERS", "100", "COMMITTED_BASELINE", "b.json")));
    binding.setVariable("env", new HashMap<String, Object>(Map.of("JOB_NAME", "hubload-nightly")));
    GroovyShell shell = new GroovyShell(JenkinsfileTest.class.getClassLoader(), binding, config);
    PipelineRecorder script = (PipelineRecorder) shell.parse(Files.readString(Path.of("Jenkinsfile")), "Jenkinsfile");
    script.run();
    List<PipelineRecorder.Call> pipelines = script.root().find("pipeline");
    assertEquals(1, pipelines.size(), "one declarative pipeline");
    pipeline = pipelines.get(0);
  }

  @Test
  void runsEveryNight() {
    PipelineRecorder.Call cron = pipeline.find("triggers").get(0).find("cron").get(0);
    String spec = (String) cron.first();
    assertEquals(5, spec.trim().split("\\s+").length, "a cron line: " + spec);
    assertTrue(spec.endsWith("* * *"), "every day: " + spec);
  }

  @Test
  void takesHubProfileAndUsersAsParameters() {
    PipelineRecorder.Call parameters = pipeline.find("parameters").get(0);
    List<Object> names = parameters.children.stream().map(p -> p.named("name")).toList();
    assertTrue(names.containsAll(List.of("HUB_URL", "LOAD_PROFILE", "LOAD_USERS")), names.toString());
    PipelineRecorder.Call profile = parameters.find("choice").get(0);
    assertEquals(List.of("ramp", "hubtraf", "steps", "soak", "spike"), profile.named("choices"));
  }

  @Test
  void loadTestsWithTheAdminTokenFromCredentials() {
    PipelineRecorder.Call stage = stage("Load test");
    PipelineRecorder.Call credentials = stage.find("withCredentials").get(0);
    // The list of bindings is evaluated before withCredentials is called: a sibling in the record.
    PipelineRecorder.Call secret = stage.find("string").get(0);
    assertEquals("hubload-admin-token", secret.named("credentialsId"));
    assertEquals("HUB_ADMIN_TOKEN", secret.named("variable"));
    assertEquals("mvn -B gatling:test", credentials.find("sh").get(0).first());
  }

  @Test
  void comparesWithTheLastSuccessfulNightOrACommittedBaseline() {
    PipelineRecorder.Call copy = stage("Baseline").find("copyArtifacts").get(0);
    // The selector is evaluated before copyArtifacts is called: a sibling in the record.
    List<PipelineRecorder.Call> selector = stage("Baseline").find("lastSuccessful");
    assertEquals(1, selector.size(), "the last successful night");
    assertEquals(true, selector.get(0).named("stable"), "and a stable one: a slower night is no baseline");
    assertTrue(String.valueOf(copy.named("filter")).endsWith("summary.json"));
    assertTrue(stage("Baseline").find("fileExists").size() == 1, "falls back to the committed baseline");

    PipelineRecorder.Call check = stage("Regression check");
    String command = String.valueOf(check.find("sh").get(0).named("script"));
    assertTrue(command.contains("exec:java@regression"), command);
    assertTrue(check.find("sh").get(0).named("returnStatus").equals(true), "its exit code decides");
  }

  @Test
  void aRegressionMarksTheBuildUnstable() throws Exception {
    String jenkinsfile = Files.readString(Path.of("Jenkinsfile"));
    assertTrue(jenkinsfile.contains("if (status == 2) {\n            unstable("), "exit code 2 is a regression");
  }

  @Test
  void publishesTheReportsTheJUnitXmlAndTheTrend() {
    PipelineRecorder.Call always = pipeline.find("post").get(0).find("always").get(0);
    assertEquals("reports/**", always.find("archiveArtifacts").get(0).named("artifacts"));
    assertTrue(String.valueOf(always.find("junit").get(0).named("testResults")).endsWith("regression.xml"));
    List<Object> published =
        always.find("publishHTML").stream()
            .map(p -> (Object) ((Map<?, ?>) p.named("target")).get("reportFiles"))
            .toList();
    assertTrue(published.contains("trend.html"), published.toString());
  }

  @Test
  void callsMavenGoalsThePomDefines() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    assertTrue(pom.contains("<id>regression</id>"), "exec:java@regression exists");
    assertTrue(pom.contains("<mainClass>io.hubload.commands.Regression</mainClass>"));
  }

  private static PipelineRecorder.Call stage(String name) {
    return pipeline.find("stage").stream()
        .filter(s -> name.equals(s.first()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + name));
  }
}
