package io.hubload.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hubload.config.HubSettings;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of deploy/kubernetes/, read with fabric8's Kubernetes model (no cluster): the
 * fields that make N injectors and one collector work together, and those that keep them off the
 * hub's user nodes and out of root.
 */
class KubernetesManifestsTest {

  static final String INJECTORS = "hubload-injectors";
  static final String COLLECTOR = "hubload-collector";
  static final String KUSTOMIZATION = "kustomization.yaml";
  static final String SECRET_EXAMPLE = "secret.example.yaml";
  static final String NODE_PURPOSE = "hub.jupyter.org/node-purpose";

  /** Variables that are not hubload settings and never will be: the JVM's own. */
  static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS");

  static Path dir;
  static final Map<String, List<HasMetadata>> BY_FILE = new LinkedHashMap<>();
  static final List<HasMetadata> ALL = new ArrayList<>();
  static Map<String, Object> kustomization;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    Path base = Paths.get(System.getProperty("hubload.basedir", System.getProperty("user.dir")));
    dir = base.resolve("deploy/kubernetes");
    assertTrue(Files.isDirectory(dir), "no folder " + dir);
    KubernetesSerialization yaml = new KubernetesSerialization();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(KubernetesManifestsTest::isYaml).sorted().toList()) {
        String name = file.getFileName().toString();
        String text = Files.readString(file);
        if (name.equals(KUSTOMIZATION)) {
          kustomization = yaml.unmarshal(text, Map.class);
          continue;
        }
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : text.split("(?m)^---\\s*$")) {
          if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
            continue;
          }
          Object parsed = yaml.unmarshal(document);
          assertTrue(parsed instanceof HasMetadata, name + ": not a Kubernetes resource: " + parsed);
          resources.add((HasMetadata) parsed);
        }
        BY_FILE.put(name, resources);
        if (!name.equals(SECRET_EXAMPLE)) {
          ALL.addAll(resources);
        }
      }
    }
    assertNotNull(kustomization, "no " + KUSTOMIZATION + " in " + dir);
  }

  static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  @Test
  void everyFieldIsOneKubernetesKnows() throws ReflectiveOperationException {
    // The model keeps a field it does not know (a typo: ttlSecondAfterFinished) aside instead of
    // failing: none may be left there.
    List<String> unknown = new ArrayList<>();
    for (var entry : BY_FILE.entrySet()) {
      for (HasMetadata r : entry.getValue()) {
        unknownFields(r, entry.getKey() + ": " + r.getKind() + " " + r.getMetadata().getName(), unknown);
      }
    }
    assertEquals(List.of(), unknown, "fields the Kubernetes API does not have");
  }

  static void unknownFields(Object o, String where, List<String> unknown) throws ReflectiveOperationException {
    if (o instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(list.get(i), where + "[" + i + "]", unknown);
      }
      return;
    }
    if (o instanceof Map<?, ?> map) {
      for (var e : map.entrySet()) {
        unknownFields(e.getValue(), where + "." + e.getKey(), unknown);
      }
      return;
    }
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : o.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      String name = getter.getName();
      if (name.equals("getAdditionalProperties")) {
        Map<?, ?> extra = (Map<?, ?>) getter.invoke(o);
        if (extra != null) {
          extra.keySet().forEach(k -> unknown.add(where + "." + k));
        }
      } else if (name.startsWith("get")) {
        unknownFields(getter.invoke(o), where + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), unknown);
      }
    }
  }

  // ---- the run's shape --------------------------------------------------------------------

  @Test
  void injectorsAreOneIndexedJobOfNPodsAtOnceNeverRetried() {
    Job job = resource(Job.class, INJECTORS);
    var spec = job.getSpec();
    assertEquals("Indexed", spec.getCompletionMode());
    int n = spec.getCompletions();
    assertTrue(n >= 1, "completions " + n);
    assertEquals(n, spec.getParallelism(), "parallelism must equal completions: all start together");
    assertEquals(n, Integer.parseInt(env(injector(), "DISTRIBUTED_INJECTORS")), "DISTRIBUTED_INJECTORS");
    assertEquals(n, Integer.parseInt(env(collector(), "COLLECT_INJECTORS")), "COLLECT_INJECTORS");
    assertEquals(0, spec.getBackoffLimit(), "a retried injector would run its share twice");
    assertEquals("Never", spec.getTemplate().getSpec().getRestartPolicy());
    assertTrue(spec.getActiveDeadlineSeconds() != null && spec.getActiveDeadlineSeconds() > 0);
    assertNotNull(spec.getTtlSecondsAfterFinished(), "ttlSecondsAfterFinished");
    assertEquals(List.of("run"), injector().getArgs());
    assertNull(env(injector(), "DISTRIBUTED_INDEX", false), "the index comes from JOB_COMPLETION_INDEX");
  }

  @Test
  void collectorIsOneJobNeverRetriedThatOutlivesTheInjectors() {
    Job job = resource(Job.class, COLLECTOR);
    var spec = job.getSpec();
    assertEquals(1, spec.getCompletions() == null ? 1 : spec.getCompletions());
    assertEquals(0, spec.getBackoffLimit(), "a second collector would have lost the uploads");
    assertEquals("Never", spec.getTemplate().getSpec().getRestartPolicy());
    assertEquals(List.of("collect"), collector().getArgs());

    Duration timeout = duration(env(collector(), "COLLECT_TIMEOUT"));
    Duration linger = duration(env(collector(), "COLLECT_LINGER"));
    long injectorsDeadline = resource(Job.class, INJECTORS).getSpec().getActiveDeadlineSeconds();
    assertTrue(
        timeout.toSeconds() >= injectorsDeadline,
        "COLLECT_TIMEOUT " + timeout + " must not give up before the injectors' deadline " + injectorsDeadline + " s");
    assertTrue(
        spec.getActiveDeadlineSeconds() != null
            && spec.getActiveDeadlineSeconds() > timeout.plus(linger).toSeconds(),
        "the collector's activeDeadlineSeconds must exceed COLLECT_TIMEOUT + COLLECT_LINGER");

    String results = env(collector(), "COLLECT_DIR");
    assertTrue(emptyDirAt(job.getSpec().getTemplate(), collector(), results), "COLLECT_DIR on an emptyDir");
    assertTrue(
        emptyDirAt(resource(Job.class, INJECTORS).getSpec().getTemplate(), injector(), "/work"),
        "an emptyDir at /work for the run's files");
  }

  @Test
  void injectorsStartTogetherAndFindTheCollector() {
    Instant.parse(env(injector(), "DISTRIBUTED_START_AT")); // throws unless ISO-8601

    URI url = URI.create(env(injector(), "DISTRIBUTED_COLLECTOR"));
    Service service = resource(Service.class, COLLECTOR);
    assertEquals("http", url.getScheme());
    String host = url.getHost();
    assertTrue(
        host.equals(service.getMetadata().getName())
            || host.startsWith(service.getMetadata().getName() + "."),
        "DISTRIBUTED_COLLECTOR's host " + host + " is not the Service " + service.getMetadata().getName());
    ServicePort port =
        service.getSpec().getPorts().stream()
            .filter(p -> p.getPort() == url.getPort())
            .findFirst()
            .orElseThrow(() -> new AssertionError("the Service has no port " + url.getPort()));

    ContainerPort target =
        collector().getPorts().stream()
            .filter(
                p ->
                    port.getTargetPort() == null
                        ? p.getContainerPort().equals(port.getPort())
                        : port.getTargetPort().getStrVal() != null
                            ? port.getTargetPort().getStrVal().equals(p.getName())
                            : port.getTargetPort().getIntVal().equals(p.getContainerPort()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the Service's targetPort is no port of the collector"));
    assertEquals(8080, target.getContainerPort());

    Map<String, String> selector = service.getSpec().getSelector();
    assertFalse(selector == null || selector.isEmpty(), "the Service selects nothing");
    Map<String, String> collectorLabels =
        resource(Job.class, COLLECTOR).getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> injectorLabels =
        resource(Job.class, INJECTORS).getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(
        collectorLabels.entrySet().containsAll(selector.entrySet()),
        "the Service " + selector + " does not select the collector's pod " + collectorLabels);
    assertFalse(
        injectorLabels.entrySet().containsAll(selector.entrySet()), "the Service selects the injectors too");

    var probe = collector().getReadinessProbe();
    assertNotNull(probe, "the collector's readiness probe");
    assertEquals("/healthz", probe.getHttpGet().getPath());
    assertEquals(target.getContainerPort(), probe.getHttpGet().getPort().getIntVal());
  }

  @Test
  void injectorsTalkToZeroToJupyterHubsProxyWithATokenFromASecret() {
    String hubUrl = env(injector(), "HUB_URL");
    assertTrue(
        hubUrl.matches("http://proxy-public\\.[a-z0-9-]+\\.svc\\.cluster\\.local(:80)?/?"),
        "HUB_URL should be Zero to JupyterHub's proxy-public service: " + hubUrl);
    assertEquals("token", env(injector(), "HUB_AUTH"));

    EnvVar token = envVar(injector(), "HUB_ADMIN_TOKEN");
    assertNotNull(token, "HUB_ADMIN_TOKEN");
    assertNull(token.getValue(), "HUB_ADMIN_TOKEN must not be a literal in a manifest");
    var ref = token.getValueFrom() == null ? null : token.getValueFrom().getSecretKeyRef();
    assertNotNull(ref, "HUB_ADMIN_TOKEN must come from a secretKeyRef");
    assertEquals("admin-token", ref.getKey());

    Secret example = (Secret) BY_FILE.get(SECRET_EXAMPLE).get(0);
    assertEquals(ref.getName(), example.getMetadata().getName(), "the example Secret's name");
    assertTrue(example.getStringData().containsKey("admin-token"), "the example Secret's key");

    for (HasMetadata r : ALL) {
      assertFalse(r instanceof Secret, r.getMetadata().getName() + ": a Secret among the applied resources");
      if (r instanceof ConfigMap cm) {
        for (String key : cm.getData().keySet()) {
          assertFalse(key.matches(".*(TOKEN|PASSWORD).*"), key + " belongs in a Secret, not a ConfigMap");
        }
      }
    }
  }

  // ---- placement, size and privileges -----------------------------------------------------

  @Test
  void noPodGoesToAUserNode() {
    for (Job job : jobs()) {
      PodSpec pod = job.getSpec().getTemplate().getSpec();
      String what = job.getMetadata().getName();
      var required =
          pod.getAffinity() == null || pod.getAffinity().getNodeAffinity() == null
              ? null
              : pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
      assertNotNull(required, what + ": no required node affinity");
      assertFalse(required.getNodeSelectorTerms().isEmpty(), what + ": no node selector term");
      // Terms are ORed: each one must exclude the user nodes.
      for (NodeSelectorTerm term : required.getNodeSelectorTerms()) {
        boolean excludesUsers = false;
        for (NodeSelectorRequirement r : term.getMatchExpressions()) {
          excludesUsers |=
              r.getKey().equals(NODE_PURPOSE) && r.getOperator().equals("NotIn") && r.getValues().contains("user");
        }
        assertTrue(excludesUsers, what + ": a node selector term lets pods onto " + NODE_PURPOSE + "=user");
      }
      for (Toleration t : pod.getTolerations() == null ? List.<Toleration>of() : pod.getTolerations()) {
        assertFalse(
            t.getKey() == null || t.getKey().startsWith("hub.jupyter.org"),
            what + ": tolerates the user nodes' taint: " + t);
      }
    }
    var antiAffinity = resource(Job.class, INJECTORS).getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
    List<WeightedPodAffinityTerm> spread =
        antiAffinity == null || antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution() == null
            ? List.of()
            : antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution();
    Map<String, String> injectorLabels =
        resource(Job.class, INJECTORS).getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(
        spread.stream()
            .map(WeightedPodAffinityTerm::getPodAffinityTerm)
            .anyMatch(
                t ->
                    t.getTopologyKey().equals("kubernetes.io/hostname")
                        && t.getLabelSelector().getMatchLabels() != null
                        && injectorLabels.entrySet().containsAll(t.getLabelSelector().getMatchLabels().entrySet())),
        "injectors should prefer different nodes");
  }

  @Test
  void everyContainerHasCpuAndMemoryRequestsAndLimits() {
    for (Job job : jobs()) {
      for (Container c : job.getSpec().getTemplate().getSpec().getContainers()) {
        String what = job.getMetadata().getName() + "/" + c.getName();
        ResourceRequirements r = c.getResources();
        assertNotNull(r, what + ": no resources");
        for (String kind : List.of("cpu", "memory")) {
          Quantity request = r.getRequests() == null ? null : r.getRequests().get(kind);
          Quantity limit = r.getLimits() == null ? null : r.getLimits().get(kind);
          assertNotNull(request, what + ": no " + kind + " request");
          assertNotNull(limit, what + ": no " + kind + " limit");
          assertTrue(
              request.getNumericalAmount().compareTo(limit.getNumericalAmount()) <= 0,
              what + ": " + kind + " request " + request + " above its limit " + limit);
        }
      }
    }
  }

  @Test
  void nothingRunsAsRoot() {
    for (Job job : jobs()) {
      PodSpec pod = job.getSpec().getTemplate().getSpec();
      PodSecurityContext podContext = pod.getSecurityContext();
      for (Container c : pod.getContainers()) {
        String what = job.getMetadata().getName() + "/" + c.getName();
        SecurityContext own = c.getSecurityContext();
        Boolean nonRoot = own != null && own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : podContext == null ? null : podContext.getRunAsNonRoot();
        Long user = own != null && own.getRunAsUser() != null ? own.getRunAsUser() : podContext == null ? null : podContext.getRunAsUser();
        assertEquals(Boolean.TRUE, nonRoot, what + ": runAsNonRoot");
        // A user given here, not only the image's (1000): runAsNonRoot alone would stop the pod of
        // an image built from another base or without its <user>.
        assertNotNull(user, what + ": runAsUser");
        assertTrue(user > 0, what + ": runAsUser " + user);
        assertNotNull(own, what + ": no container securityContext");
        assertEquals(Boolean.FALSE, own.getAllowPrivilegeEscalation(), what + ": allowPrivilegeEscalation");
        assertFalse(Boolean.TRUE.equals(own.getPrivileged()), what + ": privileged");
      }
    }
  }

  // ---- names --------------------------------------------------------------------------------

  @Test
  void everyVariableSetIsAHubloadSetting() {
    Set<String> settings =
        SettingsSource.keys(SettingsSource.defaults()).stream()
            .map(SettingsSource::environmentVariable)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> unknown = new TreeSet<>();
    for (Job job : jobs()) {
      for (Container c : job.getSpec().getTemplate().getSpec().getContainers()) {
        for (String name : environment(c).keySet()) {
          if (!settings.contains(name) && !NOT_SETTINGS.contains(name)) {
            unknown.add(job.getMetadata().getName() + ": " + name);
          }
        }
      }
    }
    assertEquals(Set.of(), unknown, "not a key of application.conf (a.b-c -> A_B_C), so ignored by the suite");
  }

  @Test
  void theInjectorsSettingsAreValidForTheSuite() {
    Map<String, String> variables = new LinkedHashMap<>();
    environment(injector()).forEach((name, v) -> variables.put(name, v.getValue()));
    variables.put("HUB_ADMIN_TOKEN", "a token from the Secret");
    // The manifest's start time is in the past on purpose (run.sh sets a real one): as run.sh would.
    variables.put("DISTRIBUTED_START_AT", java.time.Instant.now().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    variables.put("JOB_COMPLETION_INDEX", "2");
    // The suite's own reader: a bad value (HUB_URL, LOAD_RAMP...) throws, naming the setting.
    Settings settings = Settings.from(SettingsSource.merge(SettingsSource.defaults(), variables, Map.of()));
    settings.requireWhatTheRunNeeds();
    assertEquals(HubSettings.Auth.TOKEN, settings.hub().auth());
    assertEquals(new io.hubload.config.Shard(2, 3), settings.distributed().shard(), "the pod's share, from JOB_COMPLETION_INDEX");
  }

  @Test
  void theKustomizationListsEveryManifestButTheSecretExample() {
    Object listed = kustomization.get("resources");
    assertTrue(listed instanceof List<?>, "kustomization.yaml has no resources list");
    Set<String> resources = ((List<?>) listed).stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
    Set<String> files = new TreeSet<>(BY_FILE.keySet());
    files.remove(SECRET_EXAMPLE);
    assertEquals(files, resources, "kustomization.yaml's resources against the files of " + dir);
    assertTrue(BY_FILE.containsKey(SECRET_EXAMPLE), "the Secret example is missing");
    for (HasMetadata r : ALL) {
      assertNull(r.getMetadata().getNamespace(), r.getMetadata().getName() + ": the manifests name no namespace");
    }
    Set<String> images = new TreeSet<>();
    jobs().forEach(j -> j.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.add(c.getImage())));
    assertEquals(Set.of("hubload:latest"), images, "one placeholder image, for kustomize images: to replace");
  }

  // ---- helpers ------------------------------------------------------------------------------

  static <T extends HasMetadata> T resource(Class<T> type, String name) {
    List<T> found =
        ALL.stream()
            .filter(type::isInstance)
            .map(type::cast)
            .filter(r -> name.equals(r.getMetadata().getName()))
            .toList();
    assertEquals(1, found.size(), "one " + type.getSimpleName() + " " + name + " in " + dir);
    return found.get(0);
  }

  static List<Job> jobs() {
    return ALL.stream().filter(Job.class::isInstance).map(Job.class::cast).toList();
  }

  static Container injector() {
    return onlyContainer(resource(Job.class, INJECTORS).getSpec().getTemplate());
  }

  static Container collector() {
    return onlyContainer(resource(Job.class, COLLECTOR).getSpec().getTemplate());
  }

  static Container onlyContainer(PodTemplateSpec template) {
    List<Container> containers = template.getSpec().getContainers();
    assertEquals(1, containers.size(), "one container");
    return containers.get(0);
  }

  /** What the container's environment will be: its ConfigMaps (envFrom), then its own env. */
  static Map<String, EnvVar> environment(Container c) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
      if (from.getConfigMapRef() == null) {
        fail(c.getName() + ": envFrom other than a ConfigMap");
      }
      ConfigMap cm = resource(ConfigMap.class, from.getConfigMapRef().getName());
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      cm.getData().forEach((k, v) -> env.put(prefix + k, new EnvVar(prefix + k, v, null)));
    }
    for (EnvVar v : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      env.put(v.getName(), v);
    }
    return env;
  }

  static EnvVar envVar(Container c, String name) {
    return environment(c).get(name);
  }

  static String env(Container c, String name) {
    return env(c, name, true);
  }

  static String env(Container c, String name, boolean required) {
    EnvVar v = envVar(c, name);
    if (v == null || v.getValue() == null || v.getValue().isBlank()) {
      if (required) {
        fail(c.getName() + ": " + name + " is not set to a value");
      }
      return null;
    }
    return v.getValue();
  }

  static Duration duration(String value) {
    return ConfigFactory.parseMap(Map.of("d", value)).getDuration("d");
  }

  static boolean emptyDirAt(PodTemplateSpec template, Container c, String path) {
    for (VolumeMount m : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
      if (path.equals(m.getMountPath())) {
        return template.getSpec().getVolumes().stream()
            .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null);
      }
    }
    return false;
  }
}
