package dev.routewatch.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.routewatch.exporter.config.ConfigLoader;
import dev.routewatch.exporter.config.ExporterConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart in deploy/helm, run through Helm 3.16's own lint and template (helm-java, in this
 * JVM, offline): it lints clean; with the defaults and each values file of its ci/ folder it
 * renders objects that are exactly the Kubernetes and Prometheus-operator types they claim; the pod
 * runs as the image would, non-root on a read-only root, with the probes, mounts and command line
 * checked, and the exporter's own loader reads the rendered configuration with the Secrets mounted
 * where the pod mounts them; the PrometheusRule carries exactly the shipped rules; several replicas
 * without a cluster database, or a password in values, are refused; no secret reaches an object.
 */
class HelmChartTest {

  private static final Path CHART = Path.of("deploy/helm/openrouter-exporter");
  private static final Path RULES = Path.of("config/prometheus");
  private static final Path MUST_FAIL = Path.of("src/test/resources/helm");
  private static final List<String> RULE_FILES =
      List.of("openrouter-exporter.rules.yml", "openrouter-exporter.alerts.yml");
  private static final String DEFAULTS = "defaults";
  private static final String MINIMAL = "minimal";
  private static final String MONITORING = "monitoring";
  private static final String TLS_BASIC_AUTH = "tls-basic-auth";
  private static final String CLUSTER = "cluster";
  private static final ObjectMapper YAML = new YAMLMapper();

  private static Helm helm;

  /** Helm's output by values file (ci/NAME-values.yaml, or the defaults). */
  private static final Map<String, String> manifests = new LinkedHashMap<>();

  /** The objects read from each output. */
  private static final Map<String, List<HasMetadata>> renders = new LinkedHashMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void render() throws Exception {
    helm = new Helm(CHART);
    manifests.put(DEFAULTS, template().call());
    for (String name : List.of(MINIMAL, MONITORING, TLS_BASIC_AUTH, CLUSTER)) {
      manifests.put(name, template().withValuesFile(ciValues(name)).call());
    }
    for (Map.Entry<String, String> render : manifests.entrySet()) {
      renders.put(render.getKey(), KubernetesObjects.parse(render.getValue()));
    }
  }

  @Test
  void theChartIsVersion1AndItsAppVersionIsThePoms() throws Exception {
    JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("version").asText()).matches("1\\.\\d+\\.\\d+");
    Matcher pomVersion =
        Pattern.compile(
                "<artifactId>openrouter-exporter</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(pomVersion.find()).isTrue();
    assertThat(chart.path("appVersion").asText()).isEqualTo(pomVersion.group(1));
    assertThat(container(DEFAULTS).getImage())
        .isEqualTo("openrouter-exporter:" + pomVersion.group(1));
  }

  @Test
  void helmLintFindsNothingEvenStrictly() {
    LintResult result = helm.lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(result.getMessages()).as("not even an [INFO] line").isEmpty();
  }

  @Test
  void theValueNamesUsersRelyOnAreThereAndEachValueHasAComment() throws Exception {
    JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
    for (String name :
        List.of(
            "replicaCount",
            "apiKeySecret.name",
            "apiKeySecret.key",
            "managementKeySecret.name",
            "managementKeySecret.key",
            "webConfigSecret.name",
            "cluster.enabled",
            "cluster.jdbcUrl",
            "cluster.username",
            "cluster.passwordSecret.name",
            "cluster.passwordSecret.key",
            "serviceMonitor.enabled",
            "serviceMonitor.interval",
            "serviceMonitor.labels",
            "prometheusRule.enabled",
            "prometheusRule.labels",
            "config",
            "resources",
            "image.repository",
            "image.tag")) {
      assertThat(values.at("/" + name.replace('.', '/')).isMissingNode()).as(name).isFalse();
    }
    // Keys inside config (the exporter's file, documented in docs/configuration.md) and inside
    // resources (Kubernetes' own) are data, not the chart's values.
    Pattern key = Pattern.compile("( *)([A-Za-z]\\w*):.*");
    String previous = "";
    int dataIndent = -1;
    for (String line : Files.readAllLines(CHART.resolve("values.yaml"))) {
      Matcher matcher = key.matcher(line);
      if (matcher.matches()) {
        int indent = matcher.group(1).length();
        if (dataIndent < 0 || indent <= dataIndent) {
          dataIndent = -1;
          assertThat(previous.strip()).as("the comment above %s", line.strip()).startsWith("#");
          if (List.of("config", "resources").contains(matcher.group(2))) {
            dataIndent = indent;
          }
        }
      }
      if (!line.isBlank()) {
        previous = line;
      }
    }
  }

  @Test
  void eachValuesFileRendersTheKindsItAsksFor() {
    List<String> base = List.of("ServiceAccount", "ConfigMap", "Service", "Deployment");
    List<String> withMonitor = concat(base, "ServiceMonitor");
    assertThat(kinds(DEFAULTS)).containsExactlyElementsOf(base);
    assertThat(kinds(MINIMAL)).containsExactlyElementsOf(base);
    assertThat(kinds(MONITORING))
        .containsExactlyElementsOf(concat(base, "PrometheusRule", "ServiceMonitor"));
    assertThat(kinds(TLS_BASIC_AUTH)).containsExactlyElementsOf(withMonitor);
    assertThat(kinds(CLUSTER)).containsExactlyElementsOf(withMonitor);
  }

  @Test
  void theDefaultConfigurationIsTheShippedOne() throws Exception {
    JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
    JsonNode shipped = YAML.readTree(Path.of("config/openrouter-exporter.yml").toFile());
    assertThat(values.get("config")).isEqualTo(shipped);
    assertThat(YAML.readTree(configFile(DEFAULTS))).isEqualTo(shipped);
  }

  @Test
  void thePodRunsAsTheImagesUserOnAReadOnlyRootWithNoCapabilities() {
    for (String render : renders.keySet()) {
      PodSpec pod = deployment(render).getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(render).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(render).isEqualTo(10001L);
      assertThat(pod.getAutomountServiceAccountToken()).as(render).isFalse();
      Container container = container(render);
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(render).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(render).isFalse();
      assertThat(container.getSecurityContext().getCapabilities().getDrop())
          .as(render)
          .containsExactly("ALL");
      assertThat(container.getSecurityContext().getCapabilities().getAdd()).as(render).isEmpty();
      assertThat(mountPath(render, "tmp")).as(render).isEqualTo("/tmp");
      assertThat(volume(render, "tmp").getEmptyDir()).as(render).isNotNull();
      assertThat(container.getResources().getLimits()).as(render).containsKey("memory");
      assertThat(container.getResources().getRequests()).as(render).containsKeys("cpu", "memory");
    }
  }

  @Test
  void theContainerStartsJavaWithTheImagesEntrypointAndTheMountedConfiguration() throws Exception {
    List<String> entrypoint = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      if (line.startsWith("ENTRYPOINT ")) {
        YAML.readTree(line.substring("ENTRYPOINT ".length()))
            .forEach(part -> entrypoint.add(part.asText()));
      }
    }
    assertThat(entrypoint).startsWith("java").contains("-XX:MaxRAMPercentage=75");
    for (String render : renders.keySet()) {
      assertThat(container(render).getCommand()).as(render).isEqualTo(entrypoint);
      assertThat(container(render).getArgs())
          .as(render)
          .startsWith(
              "--config.file=" + mountPath(render, "config") + "/openrouter-exporter.yml",
              "--web.listen-address=:9877");
      assertThat(container(render).getPorts())
          .singleElement()
          .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(9877));
    }
    assertThat(container(DEFAULTS).getArgs()).hasSize(2);
    assertThat(container(TLS_BASIC_AUTH).getArgs())
        .endsWith(
            "--web.config.file=" + mountPath(TLS_BASIC_AUTH, "web-config") + "/web-config.yml");
    assertThat(volume(TLS_BASIC_AUTH, "web-config").getSecret().getSecretName())
        .isEqualTo("openrouter-exporter-web");
  }

  @Test
  void readinessAsksReadyAndLivenessAsksHealthyOverTheSchemeTheExporterServes() throws Exception {
    for (String render : List.of(DEFAULTS, MINIMAL, MONITORING, CLUSTER)) {
      assertHttpProbes(container(render), "HTTP");
    }
    String tlsOnly =
        template()
            .withValuesFile(ciValues(TLS_BASIC_AUTH))
            .set("webConfigSecret.basicAuth", false)
            .call();
    assertHttpProbes(containerOf(KubernetesObjects.parse(tlsOnly)), "HTTPS");
    // With basic authentication every path asks for the password, which a probe cannot carry
    // without writing it into the pod's spec: the probes only open a connection to the port.
    Container guarded = container(TLS_BASIC_AUTH);
    for (Probe probe : List.of(guarded.getReadinessProbe(), guarded.getLivenessProbe())) {
      assertThat(probe.getHttpGet()).isNull();
      assertThat(probe.getTcpSocket().getPort().getStrVal()).isEqualTo("http");
    }
  }

  @Test
  void theExporterLoadsTheRenderedConfigurationWithTheSecretsWhereThePodMountsThem()
      throws Exception {
    ExporterConfig defaults = load(DEFAULTS);
    assertThat(defaults.openrouter().apiKey()).isEmpty();
    assertThat(defaults.cluster()).isEmpty();
    assertThat(load(MINIMAL).openrouter().apiKey().orElseThrow().reveal())
        .isEqualTo(sentinel("openrouter-api-key", "api-key"));
    assertThat(load(TLS_BASIC_AUTH).openrouter().apiKey()).isPresent();

    ExporterConfig cluster = load(CLUSTER);
    assertThat(cluster.openrouter().apiKey().orElseThrow().reveal())
        .isEqualTo(sentinel("openrouter-api-key", "api-key"));
    ExporterConfig.Cluster database = cluster.cluster().orElseThrow();
    assertThat(database.jdbcUrl())
        .isEqualTo("jdbc:postgresql://postgres.databases:5432/openrouter_exporter");
    assertThat(database.username()).isEqualTo("exporter");
    assertThat(database.password().orElseThrow().reveal())
        .isEqualTo(sentinel("openrouter-exporter-db", "password"));
    assertThat(deployment(CLUSTER).getSpec().getReplicas()).isEqualTo(3);

    // The management key's file is read by the account source, whose key the loader of this
    // version may not know yet: the file it names is checked to be the mounted one.
    Map<String, Path> files = mountSecrets(MONITORING);
    JsonNode monitoring = YAML.readTree(configFile(MONITORING));
    assertThat(files.get(monitoring.at("/account/management_key_file").asText()))
        .content()
        .isEqualTo(sentinel("openrouter-keys", "management-key"));
    assertThat(files.get(monitoring.at("/openrouter/api_key_file").asText()))
        .content()
        .isEqualTo(sentinel("openrouter-keys", "api-key"));
  }

  @Test
  void theServiceMonitorScrapesTheServiceAsJobOpenrouterExporterAtThePollInterval()
      throws Exception {
    JsonNode prometheusConfig = YAML.readTree(RULES.resolve("prometheus.yml").toFile());
    JsonNode job = prometheusConfig.at("/scrape_configs/0");
    for (String render : List.of(MONITORING, TLS_BASIC_AUTH, CLUSTER)) {
      ServiceMonitor monitor = only(render, ServiceMonitor.class);
      Service service = only(render, Service.class);
      assertThat(service.getSpec().getSelector())
          .isEqualTo(deployment(render).getSpec().getSelector().getMatchLabels());
      assertThat(service.getMetadata().getLabels())
          .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
      // OpenRouterExporterDown selects up{job="openrouter-exporter"}, the job_name of
      // prometheus.yml.
      assertThat(service.getMetadata().getLabels().get(monitor.getSpec().getJobLabel()))
          .isEqualTo(job.path("job_name").asText());
      Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
      assertThat(endpoint.getPort()).isEqualTo(service.getSpec().getPorts().get(0).getName());
      assertThat(endpoint.getPath()).isEqualTo("/metrics");
      assertThat(endpoint.getInterval()).isEqualTo(job.path("scrape_interval").asText());
      assertThat(endpoint.getScrapeTimeout()).isEqualTo(job.path("scrape_timeout").asText());
    }
    assertThat(only(MONITORING, ServiceMonitor.class).getMetadata().getLabels())
        .containsEntry("release", "prometheus");
    Endpoint guarded = only(TLS_BASIC_AUTH, ServiceMonitor.class).getSpec().getEndpoints().get(0);
    assertThat(guarded.getScheme()).isEqualTo("https");
    assertThat(guarded.getTlsConfig().getCa().getSecret().getName())
        .isEqualTo("openrouter-exporter-web");
    assertThat(guarded.getBasicAuth().getPassword().getName())
        .isEqualTo("prometheus-scrape-credentials");

    String slower =
        template().set("serviceMonitor.enabled", true).set("config.poll.interval", "5m").call();
    assertThat(only(KubernetesObjects.parse(slower), ServiceMonitor.class))
        .satisfies(
            monitor ->
                assertThat(monitor.getSpec().getEndpoints().get(0).getInterval()).isEqualTo("5m"));
  }

  @Test
  void theChartsRuleFilesAreCopiesOfTheShippedOnes() throws Exception {
    for (String file : RULE_FILES) {
      assertThat(CHART.resolve("files").resolve(file))
          .as(
              "deploy/helm/openrouter-exporter/files/%s: mixin/generate.sh writes it with config/prometheus/%s",
              file, file)
          .hasSameTextualContentAs(RULES.resolve(file));
    }
  }

  @Test
  void thePrometheusRuleCarriesExactlyTheShippedGroups() throws Exception {
    List<JsonNode> shipped = new ArrayList<>();
    for (String file : RULE_FILES) {
      YAML.readTree(RULES.resolve(file).toFile()).path("groups").forEach(shipped::add);
    }
    only(MONITORING, PrometheusRule.class); // and nothing else of its kind
    List<JsonNode> rendered = new ArrayList<>();
    for (JsonNode document : KubernetesObjects.documents(manifests.get(MONITORING))) {
      if (document.path("kind").asText().equals("PrometheusRule")) {
        document.at("/spec/groups").forEach(rendered::add);
      }
    }
    assertThat(rendered).isEqualTo(shipped);
  }

  @Test
  void severalReplicasWithoutAClusterDatabaseAreRefusedSayingWhy() {
    assertThatThrownBy(
            () ->
                template()
                    .withValuesFile(MUST_FAIL.resolve("replicas-without-cluster-values.yaml"))
                    .call())
        .hasMessageContaining("replicaCount is 3")
        .hasMessageContaining("each poll every model")
        .hasMessageContaining("cluster.enabled");
    assertThatThrownBy(() -> template().set("replicaCount", 2).set("cluster.enabled", true).call())
        .hasMessageContaining("cluster.jdbcUrl");
  }

  @Test
  void aSecretGivenAsAValueIsRefusedWithoutBeingRepeated() {
    assertThatThrownBy(
            () ->
                template()
                    .withValuesFile(MUST_FAIL.resolve("password-in-jdbc-url-values.yaml"))
                    .call())
        .hasMessageContaining("cluster.jdbcUrl must not carry a password")
        .hasMessageNotContaining("SENTINEL");
    // values.schema.json: the *Secret objects name Secrets and hold nothing else.
    for (String value :
        List.of("apiKey", "apiKeySecret.value", "managementKeySecret.value", "cluster.password")) {
      assertThatThrownBy(() -> template().set(value, "SENTINEL-value").call())
          .as(value)
          .hasMessageContaining("Additional property " + value.substring(value.indexOf('.') + 1))
          .hasMessageNotContaining("SENTINEL");
    }
  }

  @Test
  void theNotesSayHowToReachTheExporterAndWhatIsMissing() {
    String plain =
        helm.install()
            .withName("demo")
            .withNamespace("monitoring")
            .dryRun()
            .clientOnly()
            .call()
            .getOutput();
    assertThat(plain)
        .contains(
            "kubectl --namespace monitoring port-forward service/demo-openrouter-exporter 9877")
        .contains("http://localhost:9877/")
        .contains("No API key (apiKeySecret.name is empty)");
    String guarded =
        helm.install()
            .withName("demo")
            .withNamespace("monitoring")
            .withValuesFile(ciValues(TLS_BASIC_AUTH))
            .dryRun()
            .clientOnly()
            .call()
            .getOutput();
    assertThat(guarded)
        .contains("https://localhost:9877/")
        .contains("A ServiceMonitor scrapes it every 60s")
        .contains("Basic authentication is on")
        .doesNotContain("No API key");
  }

  @Test
  void noSecretValueReachesARenderedObject() throws Exception {
    for (String render : renders.keySet()) {
      Map<String, Path> files = mountSecrets(render);
      for (Path file : files.values()) {
        assertThat(manifests.get(render)).as(render).doesNotContain(Files.readString(file));
      }
      assertThat(manifests.get(render)).as(render).doesNotContain("SENTINEL");
      assertThat(kinds(render)).as(render).doesNotContain("Secret");
      assertThat(container(render).getEnv()).as(render).isEmpty();
      assertThat(container(render).getEnvFrom()).as(render).isEmpty();
    }
  }

  private static void assertHttpProbes(Container container, String scheme) {
    assertHttpGet(container.getReadinessProbe(), "/-/ready", scheme);
    assertHttpGet(container.getLivenessProbe(), "/-/healthy", scheme);
  }

  private static void assertHttpGet(Probe probe, String path, String scheme) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(probe.getHttpGet().getScheme()).isEqualTo(scheme);
  }

  /**
   * The rendered configuration loaded by the exporter's own loader, with the projected Secrets laid
   * out as the kubelet would mount them (holding sentinel values) and the configuration's paths
   * into the mount moved to that folder.
   */
  private ExporterConfig load(String render) throws Exception {
    Map<String, Path> files = mountSecrets(render);
    String config = configFile(render);
    for (Map.Entry<String, Path> file : files.entrySet()) {
      config = config.replace(file.getKey(), file.getValue().toString());
    }
    Path configFile = Files.writeString(dir.resolve(render + ".yml"), config);
    return ConfigLoader.load(configFile, Map.of());
  }

  /**
   * The files of the pod's projected {@code secrets} volume, by their path in the container, each
   * written in {@link #dir} with its sentinel value.
   */
  private Map<String, Path> mountSecrets(String render) throws Exception {
    Map<String, Path> files = new LinkedHashMap<>();
    if (deployment(render).getSpec().getTemplate().getSpec().getVolumes().stream()
        .noneMatch(volume -> volume.getName().equals("secrets"))) {
      return files;
    }
    String mountPath = mountPath(render, "secrets");
    Path mounted = Files.createDirectories(dir.resolve(render + "-secrets"));
    for (VolumeProjection source : volume(render, "secrets").getProjected().getSources()) {
      String secret = source.getSecret().getName();
      for (var item : source.getSecret().getItems()) {
        files.put(
            mountPath + "/" + item.getPath(),
            Files.writeString(mounted.resolve(item.getPath()), sentinel(secret, item.getKey())));
      }
    }
    return files;
  }

  /** What a test puts in a Secret's key: a string that must never appear in an object. */
  private static String sentinel(String secret, String key) {
    return "SENTINEL-" + secret + "-" + key;
  }

  private static String configFile(String render) {
    return only(render, ConfigMap.class).getData().get("openrouter-exporter.yml");
  }

  private static TemplateCommand template() {
    return helm.template().withName("demo").withNamespace("monitoring");
  }

  private static Path ciValues(String name) {
    return CHART.resolve("ci").resolve(name + "-values.yaml");
  }

  private static List<String> kinds(String render) {
    return renders.get(render).stream().map(HasMetadata::getKind).toList();
  }

  private static Deployment deployment(String render) {
    return only(render, Deployment.class);
  }

  private static Container container(String render) {
    return containerOf(renders.get(render));
  }

  private static Container containerOf(List<HasMetadata> objects) {
    List<Container> containers =
        only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static String mountPath(String render, String volume) {
    return container(render).getVolumeMounts().stream()
        .filter(mount -> mount.getName().equals(volume))
        .map(VolumeMount::getMountPath)
        .findFirst()
        .orElseThrow(() -> new AssertionError(render + ": no mount of " + volume));
  }

  private static Volume volume(String render, String name) {
    return deployment(render).getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(volume -> volume.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(render + ": no volume " + name));
  }

  private static <T extends HasMetadata> T only(String render, Class<T> type) {
    return only(renders.get(render), type);
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as(type.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  private static List<String> concat(List<String> first, String... more) {
    return Stream.concat(first.stream(), Stream.of(more)).toList();
  }
}
