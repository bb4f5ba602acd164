package io.hubload.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The GitHub Actions nightly (.github/workflows/nightly-capacity.yml), read as YAML: it runs every
 * night and by hand on the Java the pom compiles for; every Maven command it runs names goals,
 * exec executions (with a main class that exists) and settings that exist, with values the
 * settings accept; the secrets reach a step's environment only, never a command line, an action's
 * input or a line that prints them; the job summary and the upload run whatever happened; the
 * regression check mirrors the Jenkinsfile's.
 */
class GitHubWorkflowTest {

  static final Path WORKFLOW = Path.of(".github", "workflows", "nightly-capacity.yml");

  /** What a run step may run besides exec executions: the build's own goals. */
  private static final Set<String> GOALS = Set.of("gatling:test", "test-compile");

  /** A secret as a value: the whole value, nothing around it. */
  private static final Pattern SECRET_VALUE = Pattern.compile("\\$\\{\\{ secrets\\.([A-Z_]+) }}");

  /** An input with its fallback for the runs that have none (scheduled): {@code ${{ inputs.users || '100' }}}. */
  private static final Pattern INPUT_VALUE = Pattern.compile("\\$\\{\\{ inputs\\.([a-z0-9-]+) \\|\\| '([^']*)' }}");

  private static Map<String, Object> workflow;
  private static List<Map<String, Object>> steps;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readTheWorkflow() throws Exception {
    workflow = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(WORKFLOW));
    Map<String, Object> jobs = map(workflow, "jobs");
    assertEquals(1, jobs.size(), "one job: " + jobs.keySet());
    Map<String, Object> job = (Map<String, Object>) jobs.values().iterator().next();
    steps = (List<Map<String, Object>>) job.get("steps");
  }

  @Test
  void runsEveryNightAndByHand() {
    Map<String, Object> on = map(workflow, "on");
    String cron = String.valueOf(list(on, "schedule").get(0).get("cron"));
    assertEquals(5, cron.trim().split("\\s+").length, "a cron line: " + cron);
    assertTrue(cron.endsWith("* * *"), "every day: " + cron);
    assertTrue(on.containsKey("workflow_dispatch"), "and by hand");
  }

  @Test
  void runsOnUbuntuWithTheJavaThePomCompilesFor() throws Exception {
    Map<String, Object> job = map(map(workflow, "jobs"), "capacity");
    assertEquals("ubuntu-latest", job.get("runs-on"));
    assertTrue(uses("actions/checkout@").size() == 1, "checks the repository out");
    Map<String, Object> java = map(uses("actions/setup-java@").get(0), "with");
    assertEquals("temurin", java.get("distribution"));
    assertEquals(pomProperty("maven.compiler.release"), String.valueOf(java.get("java-version")));
    assertEquals("maven", java.get("cache"), "Maven's repository cached between nights");
  }

  @Test
  void searchesCapacityAgainstTheHubOfTheSecretsInTokenMode() {
    Map<String, Object> load = stepRunning("gatling:test");
    assertEquals("mvn -B gatling:test -Dload.profile=capacity", String.valueOf(load.get("run")).trim());
    Map<String, Object> env = map(load, "env");
    assertEquals("${{ secrets.HUB_URL }}", env.get("HUB_URL"));
    assertEquals("${{ secrets.HUB_ADMIN_TOKEN }}", env.get("HUB_ADMIN_TOKEN"));
    assertEquals("token", env.get("HUB_AUTH"));
  }

  /**
   * Every {@code mvn} command: its goals exist (exec:java@X is an execution of exec-maven-plugin in
   * pom.xml whose main class is on the test classpath), each -Dkey is a setting, each environment
   * variable of its step is a setting's, and the settings it gives (secrets and inputs replaced by
   * likely values) pass the validation a run does before its first request.
   */
  @Test
  void everyMavenCommandNamesGoalsExecutionsAndSettingsThatExist() throws Exception {
    Map<String, String> executions = execExecutions();
    Config defaults = SettingsSource.defaults();
    Map<String, String> keyOfVariable = new HashMap<>();
    for (String key : SettingsSource.keys(defaults)) {
      keyOfVariable.put(SettingsSource.environmentVariable(key), key);
    }
    int commands = 0;
    for (Map<String, Object> step : steps) {
      for (List<String> command : mavenCommands(String.valueOf(step.getOrDefault("run", "")))) {
        commands++;
        Map<String, Object> given = new TreeMap<>();
        for (String arg : command.subList(1, command.size())) {
          if (arg.equals("-B") || arg.equals("-q")) {
            continue;
          }
          if (arg.startsWith("-D")) {
            String key = arg.substring(2, arg.indexOf('='));
            assertTrue(defaults.hasPath(key), "-D" + key + " is a setting in application.conf: " + command);
            given.put(key, arg.substring(arg.indexOf('=') + 1));
          } else if (arg.startsWith("exec:java@")) {
            String id = arg.substring("exec:java@".length());
            assertTrue(executions.containsKey(id), "pom.xml has the exec execution " + id + ": " + command);
            Class.forName(executions.get(id));
          } else {
            assertTrue(GOALS.contains(arg), "a goal the build has: " + arg + " in " + command);
          }
        }
        for (Map.Entry<String, Object> variable : map(step, "env").entrySet()) {
          String key = keyOfVariable.get(variable.getKey());
          if (key == null) {
            fail(variable.getKey() + " in the environment of `" + String.join(" ", command) + "` is no setting's variable (docs/settings.md)");
          }
          given.putIfAbsent(key, likely(String.valueOf(variable.getValue())));
        }
        Settings settings = Settings.from(ConfigFactory.parseMap(given).withFallback(defaults).resolve());
        settings.requireWhatTheRunNeeds();
      }
    }
    assertEquals(3, commands, "the load test, the job summary and the regression check");
  }

  /** An input's fallback for the scheduled runs is its default, and application.conf's. */
  @Test
  void theInputsFallBackToTheirDefaultsWhichAreApplicationConfs() {
    Map<String, Object> inputs = map(map(map(workflow, "on"), "workflow_dispatch"), "inputs");
    Config defaults = SettingsSource.defaults();
    Map<String, String> keyOfVariable = new HashMap<>();
    SettingsSource.keys(defaults).forEach(k -> keyOfVariable.put(SettingsSource.environmentVariable(k), k));
    List<String> used = new ArrayList<>();
    for (Map.Entry<String, Object> variable : map(stepRunning("gatling:test"), "env").entrySet()) {
      Matcher m = INPUT_VALUE.matcher(String.valueOf(variable.getValue()));
      if (!m.matches()) {
        continue;
      }
      String input = m.group(1);
      used.add(input);
      assertTrue(inputs.containsKey(input), "an input " + input);
      assertEquals(String.valueOf(map(inputs, input).get("default")), m.group(2), input + ": the fallback is the input's default");
      String key = keyOfVariable.get(variable.getKey());
      assertEquals(defaults.getValue(key).unwrapped().toString(), m.group(2), input + ": the default is application.conf's " + key);
    }
    assertEquals(inputs.keySet(), Set.copyOf(used), "every input is used, by the load test");
  }

  /**
   * A secret is only ever the whole value of an environment variable of a step, never in the
   * workflow's or the job's env, an action's input or a script; and no script mentions a secret's
   * variable except to test that it is set.
   */
  @Test
  void secretsArePassedByTheEnvironmentNeverOnACommandLine() throws Exception {
    Map<String, String> secretVariables = new LinkedHashMap<>();
    for (Map<String, Object> step : steps) {
      for (Map.Entry<String, Object> variable : map(step, "env").entrySet()) {
        if (String.valueOf(variable.getValue()).contains("secrets.")) {
          Matcher m = SECRET_VALUE.matcher(String.valueOf(variable.getValue()));
          assertTrue(m.matches(), "a secret is a whole value: " + variable);
          secretVariables.put(variable.getKey(), m.group(1));
        }
      }
    }
    assertEquals(Map.of("HUB_URL", "HUB_URL", "HUB_ADMIN_TOKEN", "HUB_ADMIN_TOKEN"), secretVariables);

    // Everything else: no secret anywhere in the file outside a step's env.
    String text = Files.readString(WORKFLOW);
    long inEnv = steps.stream().flatMap(s -> map(s, "env").values().stream()).filter(v -> String.valueOf(v).contains("secrets.")).count();
    Matcher anywhere = Pattern.compile("secrets\\.").matcher(text.replaceAll("(?m)^\\s*#.*$", ""));
    long all = 0;
    while (anywhere.find()) {
      all++;
    }
    assertEquals(inEnv, all, "secrets appear only as step environment values");
    assertFalse(workflow.containsKey("env") || map(map(workflow, "jobs"), "capacity").containsKey("env"), "no env for every step");

    Pattern test = Pattern.compile("\\[ -[zn] \"\\$(?:\\{)?([A-Z_]+)(?:})?\" ]");
    for (Map<String, Object> step : steps) {
      String run = String.valueOf(step.getOrDefault("run", ""));
      assertFalse(run.contains("set -x"), "no script traces its commands: " + step.get("name"));
      String withoutTests = test.matcher(run).replaceAll("");
      for (String variable : secretVariables.keySet()) {
        assertFalse(
            withoutTests.matches("(?s).*\\$\\{?" + variable + "\\b.*"),
            step.get("name") + " uses $" + variable + " in its script: pass it by the environment to the program that needs it");
      }
      if (String.valueOf(step.getOrDefault("uses", "")).length() > 0) {
        assertFalse(String.valueOf(step.get("with")).contains("secrets."), "no secret as an action's input: " + step.get("uses"));
      }
    }
    List<String> withSecrets = steps.stream().filter(s -> !map(s, "env").isEmpty() && map(s, "env").toString().contains("secrets.")).map(s -> String.valueOf(s.get("name"))).toList();
    assertEquals(List.of("Check the secrets are set", "Capacity search"), withSecrets, "only the load test (and the check that they are set) gets the secrets");
  }

  @Test
  void writesTheJobSummaryAndUploadsTheReportsWhateverHappened() {
    Map<String, Object> summary = stepRunning("exec:java@job-summary");
    assertEquals("always()", summary.get("if"));
    assertTrue(steps.indexOf(summary) > steps.indexOf(stepRunning("gatling:test")), "after the load test");
    Map<String, Object> upload = uses("actions/upload-artifact@").get(0);
    assertEquals("always()", upload.get("if"));
    assertEquals("reports/", map(upload, "with").get("path"));
    assertEquals(steps.size() - 1, steps.indexOf(upload), "the last step: after the regression check, which may fail the job");
  }

  /**
   * As the Jenkinsfile: the baseline is the last good night's summary (one that regressed failed,
   * so it is none), else a committed one; exit code 2 is a regression and fails the job, as does
   * a check that could not compare (Jenkins marks both UNSTABLE, and neither is a baseline).
   */
  @Test
  void checksForRegressionAgainstTheLastGoodNightAsTheJenkinsfileDoes() throws Exception {
    assertTrue(Files.readString(Path.of("Jenkinsfile")).contains("exec:java@regression"), "the Jenkinsfile checks, so does this");
    String find = String.valueOf(steps.stream().filter(s -> "previous".equals(s.get("id"))).findFirst().orElseThrow().get("run"));
    assertTrue(find.contains("--workflow " + WORKFLOW.getFileName()), "this workflow's runs: " + find);
    assertTrue(find.contains("--status success"), "a good night's: " + find);
    assertTrue(find.contains("--event schedule"), "a scheduled night's, not a run by hand with other inputs: " + find);

    Map<String, Object> download = uses("actions/download-artifact@").get(0);
    assertEquals(map(uses("actions/upload-artifact@").get(0), "with").get("name"), map(download, "with").get("name"), "the artifact this workflow uploads");
    assertEquals("${{ steps.previous.outputs.run-id }}", map(download, "with").get("run-id"));
    String choose = String.valueOf(steps.stream().filter(s -> "baseline".equals(s.get("id"))).findFirst().orElseThrow().get("run"));
    assertTrue(choose.contains("baseline/*/summary.json") && choose.contains("baselines/nightly/summary.json"), choose);

    Map<String, Object> check = stepRunning("exec:java@regression");
    assertEquals("${{ steps.baseline.outputs.summary }}", map(check, "env").get("REGRESSION_BASELINE"));
    String script = String.valueOf(check.get("run"));
    assertTrue(script.contains("status=${PIPESTATUS[0]}") && script.contains("exit \"$status\""), "Maven's exit code, not tee's, ends the step");
    assertTrue(script.contains("if [ \"$status\" -eq 2 ]"), "exit code 2 is a regression");
  }

  // --- reading the workflow and the pom

  /** The mvn commands of a script, as words (continued lines joined, pipes and redirections cut). */
  static List<List<String>> mavenCommands(String script) {
    List<List<String>> commands = new ArrayList<>();
    for (String line : script.replace("\\\n", " ").split("\n")) {
      for (String part : line.split("\\||;|&&")) {
        String words = part.replaceAll("\\d?>&?\\S*", "").trim();
        if (words.startsWith("mvn ")) {
          List<String> command = new ArrayList<>();
          for (String word : words.split("\\s+")) {
            command.add(word.replace("\"", ""));
          }
          commands.add(command);
        }
      }
    }
    return commands;
  }

  /** A likely value for an expression: an input's fallback, a hub URL or token for a secret, a path for a step's output. */
  private static String likely(String value) {
    Matcher input = INPUT_VALUE.matcher(value);
    if (input.matches()) {
      return input.group(2);
    }
    Matcher secret = SECRET_VALUE.matcher(value);
    if (secret.matches()) {
      return secret.group(1).equals("HUB_URL") ? "https://hub.example.org" : "a-token";
    }
    if (value.startsWith("${{ steps.")) {
      return "baseline/userjourneysimulation-1/summary.json";
    }
    return value;
  }

  private Map<String, Object> stepRunning(String goal) {
    return steps.stream()
        .filter(s -> mavenCommands(String.valueOf(s.getOrDefault("run", ""))).stream().anyMatch(c -> c.contains(goal)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step runs " + goal));
  }

  private static List<Map<String, Object>> uses(String action) {
    List<Map<String, Object>> found = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith(action)).toList();
    assertFalse(found.isEmpty(), "a step uses " + action);
    return found;
  }

  /** exec-maven-plugin's executions in pom.xml: id to main class. */
  static Map<String, String> execExecutions() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    Map<String, String> executions = new TreeMap<>();
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (!"exec-maven-plugin".equals(plugin.getElementsByTagName("artifactId").item(0).getTextContent())) {
        continue;
      }
      NodeList list = plugin.getElementsByTagName("execution");
      for (int j = 0; j < list.getLength(); j++) {
        Element execution = (Element) list.item(j);
        executions.put(
            execution.getElementsByTagName("id").item(0).getTextContent(),
            execution.getElementsByTagName("mainClass").item(0).getTextContent());
      }
    }
    return executions;
  }

  private static String pomProperty(String name) throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    return pom.getElementsByTagName(name).item(0).getTextContent();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.get(key);
  }
}
