package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.routewatch.exporter.Captures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped monitoring, end to end and for real: a fake OpenRouter serving the real captures, the
 * packaged jar, and Debian's Prometheus scraping it with the shipped scrape configuration and rules
 * (only its intervals shortened to a second, the targets pointed at the jars and no Alertmanager:
 * {@link ShippedPrometheusConfig}). Two exporters with the same data are scraped, as two cluster
 * replicas or a pair for redundancy would be: every rule must give the answer one would. Every
 * PromQL expression in the dashboard and the rules must evaluate, the dashboard's must return data,
 * and an endpoint whose uptime drops must have its alert pending, once.
 */
class MonitoringStackIT {

  private static final Path PROMETHEUS_DIR = Path.of("config/prometheus");
  private static final Path DASHBOARD = Path.of("grafana/dashboards/openrouter-exporter.json");
  private static final String JOB = "openrouter-exporter";
  private static final String KIMI = "moonshotai/kimi-k3";
  private static final String KIMI_CAPTURE =
      "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";

  /** A model the fake OpenRouter does not know (404): its polls fail. */
  private static final String UNKNOWN_MODEL = "routewatch/not-a-model";

  /** What Grafana puts in for its built-in interval variables, for a 1s scrape interval. */
  private static final Map<String, String> GRAFANA_BUILT_INS = Map.of("$__rate_interval", "1m");

  private static final Duration DATA_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  /** The dashboard's Account row needs the account read: with an API and a management key. */
  private static final String API_KEY = "sk-or-v1-monitoring-stack-it-api-key";

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .config(MonitoringStackIT::exporterConfig)
          .env("OPENROUTER_API_KEY", API_KEY)
          .awaitReady()
          .build();

  /** A second exporter with its own fake OpenRouter serving the same answers. */
  @RegisterExtension
  static final ExporterExtension twin =
      ExporterExtension.builder()
          .config(MonitoringStackIT::exporterConfig)
          .env("OPENROUTER_API_KEY", API_KEY)
          .awaitReady()
          .build();

  private static PrometheusProcess prometheus;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PrometheusProcess.installed(), "prometheus is not installed");
    prometheus =
        PrometheusProcess.start(
            ShippedPrometheusConfig.write(
                ShippedPrometheusConfig.scraping(exporter.port(), twin.port()), dir),
            dir);
    awaitResult("count(up{job=\"" + JOB + "\"} == 1) == 2");
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /** Every capture and synthetic payload, plus a model OpenRouter does not know; every second. */
  private static Path exporterConfig(Path configDir, String baseUrl) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("openrouter:\n  base_url: ").append(baseUrl).append('\n');
    yaml.append("  timeout: 2s\n  max_requests_per_minute: 6000\n");
    yaml.append("poll:\n  interval: 1s\n  stale_after: 1m\nmodels:\n");
    List<String> models = new ArrayList<>(FixtureUpstream.MODELS);
    models.add(UNKNOWN_MODEL);
    for (String model : models) {
      yaml.append("  - \"").append(model).append("\"\n");
    }
    yaml.append("web:\n  listen_address: 127.0.0.1:0\n");
    Files.writeString(
        configDir.resolve("management-key.txt"), "sk-or-v1-monitoring-stack-it-mgmt\n");
    yaml.append("account:\n  management_key_file: management-key.txt\n  activity: true\n");
    return Files.writeString(configDir.resolve("exporter.yml"), yaml);
  }

  @Test
  void everyShippedRuleIsLoadedAndEvaluatesWithoutError() throws Exception {
    Map<String, String> shipped = shippedRules();
    assertThat(shipped).hasSizeGreaterThan(15);

    Map<String, JsonNode> loaded = new LinkedHashMap<>();
    awaitData()
        .untilAsserted(
            () -> {
              loaded.clear();
              for (JsonNode group : prometheus.api("/api/v1/rules").at("/data/groups")) {
                for (JsonNode rule : group.get("rules")) {
                  loaded.put(rule.get("name").asText(), rule);
                }
              }
              assertThat(loaded.keySet()).containsExactlyInAnyOrderElementsOf(shipped.keySet());
              assertThat(loaded.values())
                  .as("evaluated at least once")
                  .allSatisfy(
                      rule ->
                          assertThat(rule.get("lastEvaluation").asText())
                              .doesNotStartWith("0001-"));
            });
    assertThat(loaded.values())
        .allSatisfy(
            rule ->
                assertThat(rule.get("health").asText())
                    .as("%s: %s", rule.get("name").asText(), rule.path("lastError").asText())
                    .isEqualTo("ok"));

    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> rule : shipped.entrySet()) {
      JsonNode answer = prometheus.query(rule.getValue());
      if (!"success".equals(answer.path("status").asText())) {
        failures.add(rule.getKey() + ": " + answer.path("error").asText());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyDashboardQueryEvaluatesAndReturnsData() throws Exception {
    Map<String, String> queries = dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(15);
    assertThat(queries.values()).allSatisfy(expr -> assertThat(expr).doesNotContain("$"));

    Map<String, String> failures = new LinkedHashMap<>(queries);
    awaitData()
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (Map.Entry<String, String> query : queries.entrySet()) {
                if (!failures.containsKey(query.getKey())) {
                  continue;
                }
                JsonNode answer = prometheus.query(query.getValue());
                if (!"success".equals(answer.path("status").asText())) {
                  failures.put(query.getKey(), "error: " + answer.path("error").asText());
                } else if (answer.at("/data/result").isEmpty()) {
                  failures.put(query.getKey(), "no data: " + query.getValue());
                } else {
                  failures.remove(query.getKey());
                }
              }
              assertThat(failures).isEmpty();
            });
  }

  @Test
  void anEndpointWhoseUptimeDropsHasItsUptimeAlertsPending() throws Exception {
    // The rules evaluate against live data: Alibaba's real 30m uptime (87%) is below the warning
    // level, and OpenRouter answers 404 for the unknown model: it is gone, which is not the
    // exporter's trouble. Each alert comes once, not once per exporter.
    assertThat(
            awaitAlert("OpenRouterEndpointUptimeLow", KIMI, "alibaba")
                .path("labels")
                .has("instance"))
        .isFalse();
    awaitAlert("OpenRouterModelGone", UNKNOWN_MODEL, null);
    assertThat(alerts("OpenRouterEndpointUptimeLow", KIMI, "alibaba")).hasSize(1);
    assertThat(alerts("OpenRouterModelGone", UNKNOWN_MODEL, null)).hasSize(1);
    // Until Prometheus holds two samples of the not_found counter, increase() sees none and
    // OpenRouterPollsFailing may be pending for a moment; from then on it stays silent.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(alerts("OpenRouterPollsFailing", UNKNOWN_MODEL, null)).isEmpty());
    assertThat(alerts("OpenRouterModelAllEndpointsDegraded", KIMI, null))
        .as("Alibaba and Morph degraded, 2 of 4 endpoints, not 4 of 4 counted once per exporter")
        .isEmpty();
    assertThat(alerts("OpenRouterEndpointUptimeLow", KIMI, "fireworks")).isEmpty();
    assertThat(alerts("OpenRouterEndpointUptimeCriticallyLow", KIMI, "fireworks")).isEmpty();

    String dropped = kimiWithFireworksUptime(42.0);
    exporter.upstream().answer(KIMI, () -> FixtureUpstream.ok(dropped));
    twin.upstream().answer(KIMI, () -> FixtureUpstream.ok(dropped));
    try {
      JsonNode critical = awaitAlert("OpenRouterEndpointUptimeCriticallyLow", KIMI, "fireworks");
      JsonNode warning = awaitAlert("OpenRouterEndpointUptimeLow", KIMI, "fireworks");

      assertThat(critical.get("state").asText()).isEqualTo("pending");
      assertThat(critical.at("/labels/severity").asText()).isEqualTo("critical");
      assertThat(critical.at("/annotations/description").asText())
          .contains("Fireworks endpoint fireworks of moonshotai/kimi-k3 served 42%");
      assertThat(warning.get("state").asText()).isEqualTo("pending");
      assertThat(warning.at("/labels/severity").asText()).isEqualTo("warning");
      assertThat(alerts("OpenRouterEndpointUptimeCriticallyLow", KIMI, "fireworks/fast"))
          .as("the other Fireworks endpoint keeps its uptime")
          .isEmpty();
      assertThat(alerts("OpenRouterEndpointUptimeCriticallyLow", KIMI, "fireworks")).hasSize(1);
      assertThat(alerts("OpenRouterModelAllEndpointsDegraded", KIMI, null))
          .as("3 of 4 endpoints degraded")
          .isEmpty();
    } finally {
      exporter.upstream().restore(KIMI);
      twin.upstream().restore(KIMI);
    }
  }

  @Test
  void theAccountBalanceIsComputedOnceFromBothExporters() throws Exception {
    awaitResult("count(openrouter_credits_used_usd_total) == 2");
    awaitResult("account:openrouter_credits_usd:balance");

    JsonNode balance =
        prometheus.query("account:openrouter_credits_usd:balance").at("/data/result");
    assertThat(balance).as("one balance for the account, not one per exporter").hasSize(1);
    // The real /credits capture: 799 USD purchased, 782.460715603 USD used.
    assertThat(balance.get(0).at("/value/1").asDouble())
        .isCloseTo(799 - 782.460715603, within(1e-9));
  }

  private static String kimiWithFireworksUptime(double percent) throws Exception {
    JsonNode answer = JSON.readTree(Captures.read(KIMI_CAPTURE));
    for (JsonNode endpoint : answer.at("/data/endpoints")) {
      if ("fireworks".equals(endpoint.path("tag").asText())) {
        ((ObjectNode) endpoint).put("uptime_last_30m", percent);
      }
    }
    return JSON.writeValueAsString(answer);
  }

  /** Active alerts (pending or firing) named {@code name} for a model (and endpoint). */
  private static List<JsonNode> alerts(String name, String model, String endpoint)
      throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode alert : prometheus.api("/api/v1/alerts").at("/data/alerts")) {
      JsonNode labels = alert.get("labels");
      if (name.equals(labels.path("alertname").asText())
          && model.equals(labels.path("model").asText())
          && (endpoint == null || endpoint.equals(labels.path("endpoint").asText()))) {
        found.add(alert);
      }
    }
    return found;
  }

  /** Prometheus scrapes and evaluates every second; data shows up within {@link #DATA_TIMEOUT}. */
  private static ConditionFactory awaitData() {
    return await().atMost(DATA_TIMEOUT).pollInterval(Duration.ofMillis(200));
  }

  private static JsonNode awaitAlert(String name, String model, String endpoint) {
    return awaitData()
        .alias("a " + name + " alert for " + model + " " + endpoint)
        .until(() -> alerts(name, model, endpoint), found -> !found.isEmpty())
        .get(0);
  }

  private static void awaitResult(String expr) {
    try {
      awaitData().until(() -> !prometheus.query(expr).at("/data/result").isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no result for " + expr + "\n" + prometheus.log(), e);
    }
  }

  /** Rule name (record or alert) to its expression, from the files prometheus.yml loads. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> shippedRules() throws Exception {
    Yaml yaml = new Yaml();
    Map<String, Object> config =
        yaml.load(Files.readString(PROMETHEUS_DIR.resolve("prometheus.yml")));
    Map<String, String> rules = new LinkedHashMap<>();
    for (String file : (List<String>) config.get("rule_files")) {
      Map<String, Object> content = yaml.load(Files.readString(PROMETHEUS_DIR.resolve(file)));
      for (Map<String, Object> group : (List<Map<String, Object>>) content.get("groups")) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
          String name =
              (String) (rule.containsKey("alert") ? rule.get("alert") : rule.get("record"));
          assertThat(rules.put(name, (String) rule.get("expr"))).as("rule %s twice", name).isNull();
        }
      }
    }
    return rules;
  }

  /**
   * Every query of the dashboard, by panel title and refId, and every variable's query, with the
   * variables set to "All" (the dashboard's own allValue) as Grafana would send them.
   */
  private static Map<String, String> dashboardQueries() throws Exception {
    JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
    Map<String, String> values = new LinkedHashMap<>(GRAFANA_BUILT_INS);
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode variable : dashboard.at("/templating/list")) {
      if ("query".equals(variable.path("type").asText())) {
        String name = variable.get("name").asText();
        queries.put("variable " + name, labelValuesAsPromQl(variable.get("definition").asText()));
        values.put("${" + name + "}", variable.get("allValue").asText());
        values.put("$" + name, variable.get("allValue").asText());
      }
    }
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        String key = panel.get("title").asText() + " " + target.get("refId").asText();
        queries.put(key, target.get("expr").asText());
      }
    }
    queries.replaceAll((key, expr) -> substitute(expr, values));
    return queries;
  }

  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  private static String substitute(String expr, Map<String, String> values) {
    String result = expr;
    // ${model} before $model, so that the longer form is not half replaced.
    List<String> longestFirst = new ArrayList<>(values.keySet());
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    for (String variable : longestFirst) {
      result = result.replace(variable, values.get(variable));
    }
    return result;
  }

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");

  /** Grafana's label_values(selector, label) as the PromQL that finds the same values. */
  private static String labelValuesAsPromQl(String definition) {
    Matcher matcher = LABEL_VALUES.matcher(definition.trim());
    assertThat(matcher.matches()).as("a label_values() query: %s", definition).isTrue();
    return "group by (" + matcher.group(2) + ") (" + matcher.group(1) + ")";
  }
}
