package dev.routewatch.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml holds together without a Docker engine to run it: pinned images, every mounted
 * file in the repository, and each service finding the others' files and addresses where they are
 * mounted and served.
 */
class ComposeFileTest {

  private static Map<String, Object> services;

  @BeforeAll
  static void load() throws Exception {
    Map<String, Object> compose = yaml(Path.of("docker-compose.yml"));
    services = map(compose.get("services"));
  }

  @Test
  void theStackIsTheExporterPrometheusAlertmanagerAndGrafana() {
    assertThat(services)
        .containsOnlyKeys("openrouter-exporter", "prometheus", "alertmanager", "grafana");
    assertThat(service("openrouter-exporter").get("build")).isEqualTo(".");
    assertThat(Path.of("Dockerfile")).isRegularFile();
  }

  @Test
  void everyImagePulledIsPinnedToAVersion() {
    for (String name : List.of("prometheus", "alertmanager", "grafana")) {
      assertThat((String) service(name).get("image"))
          .as(name)
          .matches("[\\w./-]+:v?\\d+\\.\\d+\\.\\d+");
    }
  }

  @Test
  void everyMountedPathIsInTheRepository() {
    for (String name : services.keySet()) {
      mounts(name).keySet().forEach(host -> assertThat(Path.of(host)).as(name).exists());
    }
  }

  @Test
  void theExporterReadsItsConfigurationWhereTheImageLooksForIt() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Map<String, String> mounts = mounts("openrouter-exporter");
    String target = mounts.get("./config/openrouter-exporter.yml");
    assertThat(target).isNotNull();
    assertThat(dockerfile).contains("\"--config.file=" + target + "\"");
    assertThat(strings(service("openrouter-exporter").get("ports"))).contains("9877:9877");
  }

  @Test
  void prometheusLoadsTheShippedConfigurationAndScrapesTheExporterService() throws Exception {
    Path config = null;
    for (Object argument : (List<?>) service("prometheus").get("command")) {
      if (argument.toString().startsWith("--config.file=")) {
        config = hostPath("prometheus", argument.toString().substring("--config.file=".length()));
      }
    }
    assertThat(config).isEqualTo(Path.of("config/prometheus/prometheus.yml"));
    Map<String, Object> job = scrapeJob(config);
    List<String> targets =
        strings(map(((List<?>) job.get("static_configs")).get(0)).get("targets"));
    assertThat(targets).containsExactly("openrouter-exporter:9877");
  }

  @Test
  void prometheusSendsItsAlertsToAlertmanagerWhichLoadsTheExampleConfiguration() throws Exception {
    Map<String, Object> prometheus = yaml(Path.of("config/prometheus/prometheus.yml"));
    Map<String, Object> alertmanagers =
        map(((List<?>) map(prometheus.get("alerting")).get("alertmanagers")).get(0));
    List<String> targets =
        strings(map(((List<?>) alertmanagers.get("static_configs")).get(0)).get("targets"));
    assertThat(targets).containsExactly("alertmanager:9093");
    assertThat(strings(service("alertmanager").get("ports"))).contains("9093:9093");

    Path config = null;
    for (Object argument : (List<?>) service("alertmanager").get("command")) {
      if (argument.toString().startsWith("--config.file=")) {
        config = hostPath("alertmanager", argument.toString().substring("--config.file=".length()));
      }
    }
    assertThat(config).isEqualTo(Path.of("config/alertmanager/alertmanager.yml"));
  }

  @Test
  void grafanaLoadsTheDatasourceAndTheDashboardWithNoClicks() throws Exception {
    Path provisioning = hostPath("grafana", "/etc/grafana/provisioning");
    assertThat(provisioning).isEqualTo(Path.of("grafana/provisioning"));

    Map<String, Object> datasource =
        map(
            ((List<?>) yaml(provisioning.resolve("datasources/prometheus.yml")).get("datasources"))
                .get(0));
    assertThat(datasource.get("type")).isEqualTo("prometheus");
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
    assertThat(map(datasource.get("jsonData")).get("timeInterval"))
        .as("the scrape interval, for $__rate_interval")
        .isEqualTo(scrapeJob(Path.of("config/prometheus/prometheus.yml")).get("scrape_interval"));

    Map<String, Object> provider =
        map(
            ((List<?>)
                    yaml(provisioning.resolve("dashboards/openrouter-exporter.yml"))
                        .get("providers"))
                .get(0));
    assertThat(provider.get("type")).isEqualTo("file");
    String dashboards = (String) map(provider.get("options")).get("path");
    assertThat(hostPath("grafana", dashboards).resolve("openrouter-exporter.json")).isRegularFile();

    String home =
        (String)
            map(service("grafana").get("environment"))
                .get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(hostPath("grafana", home))
        .isEqualTo(Path.of("grafana/dashboards/openrouter-exporter.json"));
  }

  private static Map<String, Object> scrapeJob(Path prometheusConfig) throws Exception {
    List<?> jobs = (List<?>) yaml(prometheusConfig).get("scrape_configs");
    assertThat(jobs).hasSize(1);
    return map(jobs.get(0));
  }

  /** Where a path inside a service's container comes from in the repository. */
  private static Path hostPath(String service, String containerPath) {
    for (Map.Entry<String, String> mount : mounts(service).entrySet()) {
      String target = mount.getValue();
      if (containerPath.equals(target) || containerPath.startsWith(target + "/")) {
        return Path.of(mount.getKey() + containerPath.substring(target.length())).normalize();
      }
    }
    throw new AssertionError(containerPath + " is not mounted from the repository in " + service);
  }

  /** The service's bind mounts of repository paths: host path to container path. */
  private static Map<String, String> mounts(String service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (Object volume : (List<?>) service(service).getOrDefault("volumes", List.of())) {
      String[] parts = volume.toString().split(":");
      if (parts[0].startsWith("./")) {
        mounts.put(parts[0], parts[1]);
      }
    }
    return mounts;
  }

  private static Map<String, Object> service(String name) {
    return map(services.get(name));
  }

  private static Map<String, Object> yaml(Path file) throws Exception {
    return new Yaml().load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object yaml) {
    return (List<String>) yaml;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object yaml) {
    return (Map<String, Object>) yaml;
  }
}
