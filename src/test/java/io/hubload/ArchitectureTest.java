package io.hubload;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gatling.javaapi.core.Simulation;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules (README, "Map"), checked on the compiled classes with ArchUnit: a broken
 * rule fails here with ArchUnit's message, naming the class and the dependency that break it.
 *
 * <p>Everything is test code (src/test/java), so "production" here means the classes that are not
 * themselves tests: the layers and the cycles are checked on those, since a unit test may use the
 * test support of a layer above (report's tests read a smoke run's log through testing/SmokeLog).
 */
class ArchitectureTest {

  /** Every class of the suite, tests included. */
  private static final JavaClasses ALL = new ClassFileImporter().importPackages("io.hubload");

  private static final Pattern TEST_CLASS = Pattern.compile(".*/io/hubload/.*(Test|IT)(\\$[^/]*)?\\.class$");

  /**
   * The classes that are not tests (nor their nested classes), imported on their own: a rule on
   * who may use a class looks at every imported class that uses it.
   */
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption((ImportOption) location -> !location.matches(TEST_CLASS))
          .importPackages("io.hubload");

  /**
   * The layers, lowest first; a layer uses only the layers below it. The plain hub API knows
   * nothing of the journey, the journey nothing of the run that drives it, and no code below the
   * simulations knows a simulation or a test.
   */
  @Test
  void layersInOrder() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("foundation").definedBy("io.hubload.config..", "io.hubload.jupyter..", "io.hubload.process..")
        .layer("hubapi").definedBy("io.hubload.hubapi..")
        .layer("capacity").definedBy("io.hubload.capacity..")
        .layer("report").definedBy("io.hubload.report..")
        .layer("journey").definedBy("io.hubload.journey..")
        .layer("localhub").definedBy("io.hubload.localhub..")
        .layer("run").definedBy("io.hubload.run..")
        .layer("commands").definedBy("io.hubload.distributed..", "io.hubload.commands..", "io.hubload.recorder..")
        .layer("simulations").definedBy("io.hubload.simulations..")
        .layer("tests").definedBy("io.hubload.it..", "io.hubload.testing..", "io.hubload.ci..", "io.hubload.deploy..")
        .whereLayer("tests").mayNotBeAccessedByAnyLayer()
        .whereLayer("simulations").mayOnlyBeAccessedByLayers("tests")
        .whereLayer("commands").mayOnlyBeAccessedByLayers("simulations", "tests")
        .whereLayer("run").mayOnlyBeAccessedByLayers("commands", "simulations", "tests")
        .whereLayer("localhub").mayOnlyBeAccessedByLayers("run", "commands", "simulations", "tests")
        .whereLayer("journey").mayOnlyBeAccessedByLayers("localhub", "run", "commands", "simulations", "tests")
        .whereLayer("report").mayOnlyBeAccessedByLayers("journey", "localhub", "run", "commands", "simulations", "tests")
        .whereLayer("capacity")
        .mayOnlyBeAccessedByLayers("report", "journey", "localhub", "run", "commands", "simulations", "tests")
        .whereLayer("hubapi")
        .mayOnlyBeAccessedByLayers("report", "journey", "localhub", "run", "commands", "simulations", "tests")
        .check(PRODUCTION);
  }

  /** No two top-level packages use each other, directly or through others. */
  @Test
  void noPackageCycles() {
    slices().matching("io.hubload.(*)..").should().beFreeOfCycles().check(PRODUCTION);
  }

  /** The plain HTTP client and the hub's types imports nothing of Gatling: usable by any command. */
  @Test
  void hubapiIsFreeOfGatling() {
    noClasses().that().resideInAPackage("io.hubload.hubapi..")
        .should().dependOnClassesThat().resideInAPackage("io.gatling..")
        .check(ALL);
  }

  /** The reports read Gatling's log (its reader's internals), never its DSL: no step, no simulation. */
  @Test
  void reportIsFreeOfGatlingsDsl() {
    noClasses().that().resideInAnyPackage("io.hubload.hubapi..", "io.hubload.capacity..", "io.hubload.report..")
        .should().dependOnClassesThat().resideInAPackage("io.gatling.javaapi..")
        .check(ALL);
  }

  /** What `mvn gatling:test` runs is a simulation; the tests that run one in a JVM of their own may too. */
  @Test
  void onlySimulationsSetUpASimulation() {
    classes().that().areAssignableTo(Simulation.class).and().doNotHaveFullyQualifiedName(Simulation.class.getName())
        .should().resideInAnyPackage("io.hubload.simulations..", "io.hubload.it..", "io.hubload.testing..")
        .check(ALL);
  }

  /** The Chromium recorder and its DevTools client: used by its command (exec:java@record) and its tests only. */
  @Test
  void theRecorderIsUsedOnlyByItsCommandAndTests() {
    noClasses().that().resideOutsideOfPackages("io.hubload.recorder..", "io.hubload.commands..", "io.hubload.it..")
        .should().dependOnClassesThat().resideInAPackage("io.hubload.recorder..")
        .check(ALL);
  }
}
