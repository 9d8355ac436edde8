package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.routewatch.exporter.Captures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped alerting, end to end: two exporters of one job (as two replicas) fed the real Kimi
 * capture by fake OpenRouters, Debian's Prometheus with the shipped configuration and rules, and
 * Debian's Alertmanager with the example configuration, its receivers pointed at a webhook in this
 * test. For speed only: every interval is a second, every alert's `for:` is shrunk 300 times (a
 * minute to 0.2 s, in whole seconds) in a copy of the alert file, and Alertmanager's group_wait and
 * group_interval are seconds. Routing, grouping, inhibition and the order in which alerts begin to
 * fire are as shipped. The tests run in order, as one timeline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertingIT {

  private static final Path ALERTMANAGER_CONFIG = Path.of("config/alertmanager/alertmanager.yml");
  private static final String JOB = ShippedPrometheusConfig.JOB;
  private static final String KIMI = "moonshotai/kimi-k3";
  private static final String KIMI_CAPTURE =
      "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder().models(KIMI).pollEvery("1s", "1m").awaitReady().build();

  /** The other exporter of the job; the last test stops it. */
  @RegisterExtension
  static final ExporterExtension twin =
      ExporterExtension.builder().models(KIMI).pollEvery("1s", "1m").awaitReady().build();

  /** A notification as the webhook received it: when, at which receiver's path, its body. */
  record Notification(long nanos, String receiverPath, JsonNode body) {

    /** Its alerts, each with its own {@code status}, labels and annotations. */
    List<JsonNode> alerts() {
      List<JsonNode> alerts = new ArrayList<>();
      body.get("alerts").forEach(alerts::add);
      return alerts;
    }
  }

  private static final List<Notification> notifications = new CopyOnWriteArrayList<>();
  private static MockWebServer webhook;
  private static AlertmanagerProcess alertmanager;
  private static PrometheusProcess prometheus;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PrometheusProcess.installed(), "prometheus is not installed");
    assumeTrue(AlertmanagerProcess.installed(), "prometheus-alertmanager is not installed");
    webhook = new MockWebServer();
    webhook.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              notifications.add(
                  new Notification(
                      System.nanoTime(),
                      request.getUrl().encodedPath(),
                      JSON.readTree(request.getBody().utf8())));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return new MockResponse.Builder().code(200).build();
          }
        });
    webhook.start(InetAddress.getLoopbackAddress(), 0);
    alertmanager = AlertmanagerProcess.start(alertmanagerConfig(), dir);
    prometheus = PrometheusProcess.start(prometheusConfig(exporter.port(), twin.port()), dir);
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (webhook != null) {
      webhook.close();
    }
  }

  /**
   * The example configuration with group_wait and group_interval at a second, and each receiver but
   * "null" posting to the webhook at its own path.
   */
  @SuppressWarnings("unchecked")
  private static Path alertmanagerConfig() throws Exception {
    Yaml yaml = new Yaml();
    Map<String, Object> config = yaml.load(Files.readString(ALERTMANAGER_CONFIG));
    Map<String, Object> route = (Map<String, Object>) config.get("route");
    route.put("group_wait", "1s");
    route.put("group_interval", "1s");
    String base = "http://127.0.0.1:" + webhook.getPort() + "/";
    for (Map<String, Object> receiver : (List<Map<String, Object>>) config.get("receivers")) {
      String name = (String) receiver.get("name");
      if (!name.equals("null")) {
        receiver.put("webhook_configs", List.of(Map.of("url", base + name)));
      }
    }
    return Files.writeString(dir.resolve("alertmanager.yml"), yaml.dump(config));
  }

  /**
   * The shipped prometheus.yml as {@link ShippedPrometheusConfig} runs it, sending to the test's
   * Alertmanager, with the shipped rules but each alert's `for:` shrunk (a copy). Shrunk, not
   * zeroed: a critical uptime alert (10m) must still reach Alertmanager before the warning one
   * (15m) it inhibits, as it does when shipped. At 0s both fired in one evaluation, the warning
   * first, and joined the model's warning group between two of its flushes now and then.
   */
  @SuppressWarnings("unchecked")
  private static Path prometheusConfig(int... exporterPorts) throws Exception {
    Map<String, Object> config = ShippedPrometheusConfig.scraping(exporterPorts);
    Yaml yaml = new Yaml();
    List<String> ruleFiles = new ArrayList<>();
    for (String file : (List<String>) config.get("rule_files")) {
      Map<String, Object> rules = yaml.load(Files.readString(Path.of(file)));
      for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
          if (rule.containsKey("for")) {
            rule.put("for", shrunk((String) rule.get("for")));
          }
        }
      }
      Path copy = dir.resolve(Path.of(file).getFileName());
      ruleFiles.add(Files.writeString(copy, yaml.dump(rules)).toString());
    }
    config.put("rule_files", ruleFiles);
    config.put(
        "alerting",
        Map.of(
            "alertmanagers",
            List.of(
                Map.of(
                    "static_configs",
                    List.of(Map.of("targets", List.of(alertmanager.address())))))));
    return ShippedPrometheusConfig.write(config, dir);
  }

  /** A shipped `for:` of whole minutes, 300 times shorter, in whole seconds ("15m" to "3s"). */
  private static String shrunk(String forDuration) {
    assertThat(forDuration).as("a `for:` in minutes").matches("\\d+m");
    long minutes = Long.parseLong(forDuration.substring(0, forDuration.length() - 1));
    return Math.max(1, minutes / 5) + "s";
  }

  @Test
  @Order(1)
  void anUptimeDropNotifiesOnceWithItsLinksAndResolvesWhenUptimeComesBack() throws Exception {
    // Alibaba's real uptime (87 %) is low from the start: wait for its notification, so that
    // everything after the drop is the drop's.
    awaitNotification(alert("OpenRouterEndpointUptimeLow", "alibaba", "firing"));

    setFireworks("uptime_last_30m", 42.0);
    long dropped = System.nanoTime();
    Notification critical =
        awaitNotification(alert("OpenRouterEndpointUptimeCriticallyLow", "fireworks", "firing"));
    timeline("uptime drop -> notification", dropped, critical);

    // The warning alert of the same endpoint fires too, and the critical one inhibits it.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(alertmanagerAlerts("OpenRouterEndpointUptimeLow", "fireworks"))
                    .singleElement()
                    .satisfies(
                        a -> assertThat(a.at("/status/state").asText()).isEqualTo("suppressed")));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(TIMEOUT)
        .until(() -> notificationsAbout("fireworks").size() == 1);

    assertThat(critical.receiverPath()).isEqualTo("/critical");
    assertThat(critical.body().get("receiver").asText()).isEqualTo("critical");
    JsonNode alert = critical.alerts().get(0);
    assertThat(critical.alerts()).hasSize(1);
    JsonNode labels = alert.get("labels");
    assertThat(labels.path("model").asText()).isEqualTo(KIMI);
    assertThat(labels.path("provider").asText()).isEqualTo("Fireworks");
    assertThat(labels.path("endpoint").asText()).isEqualTo("fireworks");
    assertThat(labels.path("severity").asText()).isEqualTo("critical");
    assertThat(labels.path("job").asText()).isEqualTo(JOB);
    assertThat(labels.has("instance")).as("once for both exporters").isFalse();
    assertThat(alert.at("/annotations/description").asText())
        .contains("Fireworks endpoint fireworks of moonshotai/kimi-k3 served 42%");
    assertThat(alert.at("/annotations/runbook_url").asText())
        .endsWith("/docs/runbooks.md#openrouterendpointuptimecriticallylow");
    assertThat(alert.at("/annotations/dashboard_url").asText())
        .endsWith("/d/openrouter-exporter?var-model=moonshotai%2Fkimi-k3&var-provider=Fireworks");

    restoreKimi();
    long recovered = System.nanoTime();
    Notification resolved =
        awaitNotification(alert("OpenRouterEndpointUptimeCriticallyLow", "fireworks", "resolved"));
    timeline("recovery -> resolved", recovered, resolved);
    assertThat(resolved.receiverPath()).isEqualTo("/critical");
  }

  @Test
  @Order(2)
  void aPriceIncreaseArrivesOnTheChangesRoute() throws Exception {
    setFireworks("pricing.prompt", "0.000006");
    long raised = System.nanoTime();
    Notification increase =
        awaitNotification(alert("OpenRouterEndpointPriceIncreased", "fireworks", "firing"));
    timeline("price increase -> notification", raised, increase);
    restoreKimi();

    assertThat(increase.receiverPath()).isEqualTo("/changes");
    assertThat(increase.alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.at("/labels/kind").asText()).isEqualTo("prompt"));
    assertThat(notifications)
        .filteredOn(n -> n.alerts().stream().anyMatch(alert("OpenRouterEndpointPriceIncreased")))
        .allSatisfy(n -> assertThat(n.receiverPath()).isEqualTo("/changes"));
  }

  @Test
  @Order(3)
  void whileAnExporterIsDownItsNotificationArrivesAndTheJobsOtherAlertsAreInhibited()
      throws Exception {
    int port = twin.port();
    twin.process().close();
    long stopped = System.nanoTime();
    Notification down = awaitNotification(alert("OpenRouterExporterDown", null, "firing"));
    timeline("exporter stopped -> exporter-down notification", stopped, down);
    assertThat(down.receiverPath()).isEqualTo("/critical");
    assertThat(down.alerts().get(0).at("/labels/instance").asText()).isEqualTo("127.0.0.1:" + port);

    // The other exporter keeps the per-model alerts firing; Alertmanager mutes them all.
    List<JsonNode> perModel = new ArrayList<>();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              perModel.clear();
              for (JsonNode alert : alertmanager.alerts()) {
                if (!alert.at("/labels/alertname").asText().equals("OpenRouterExporterDown")) {
                  perModel.add(alert);
                }
              }
              assertThat(perModel)
                  .extracting(a -> a.at("/labels/alertname").asText())
                  .contains("OpenRouterEndpointUptimeLow", "OpenRouterEndpointPriceIncreased");
              assertThat(perModel)
                  .allSatisfy(
                      a -> {
                        assertThat(a.at("/labels/job").asText()).isEqualTo(JOB);
                        assertThat(a.at("/status/state").asText()).isEqualTo("suppressed");
                        assertThat(a.at("/status/inhibitedBy")).isNotEmpty();
                      });
            });
    timeline("exporter stopped -> the job's alerts inhibited", stopped, System.nanoTime());
    assertThat(notifications)
        .filteredOn(n -> n.nanos() > down.nanos())
        .flatExtracting(Notification::alerts)
        .filteredOn(a -> a.get("status").asText().equals("firing"))
        .allSatisfy(
            a ->
                assertThat(a.at("/labels/alertname").asText()).isEqualTo("OpenRouterExporterDown"));
  }

  private static void setFireworks(String field, Object value) throws Exception {
    JsonNode answer = JSON.readTree(Captures.read(KIMI_CAPTURE));
    for (JsonNode endpoint : answer.at("/data/endpoints")) {
      if ("fireworks".equals(endpoint.path("tag").asText())) {
        String[] path = field.split("\\.");
        ObjectNode parent = (ObjectNode) endpoint;
        for (int i = 0; i < path.length - 1; i++) {
          parent = (ObjectNode) parent.get(path[i]);
        }
        parent.putPOJO(path[path.length - 1], value);
      }
    }
    String changed = JSON.writeValueAsString(answer);
    exporter.upstream().answer(KIMI, () -> FixtureUpstream.ok(changed));
    twin.upstream().answer(KIMI, () -> FixtureUpstream.ok(changed));
  }

  private static void restoreKimi() {
    exporter.upstream().restore(KIMI);
    twin.upstream().restore(KIMI);
  }

  private static Predicate<JsonNode> alert(String name) {
    return a -> a.at("/labels/alertname").asText().equals(name);
  }

  /** An alert of that name (for that endpoint, unless null) in that status. */
  private static Predicate<JsonNode> alert(String name, String endpoint, String status) {
    return alert(name)
        .and(a -> endpoint == null || a.at("/labels/endpoint").asText().equals(endpoint))
        .and(a -> a.get("status").asText().equals(status));
  }

  private static Notification awaitNotification(Predicate<JsonNode> wanted) {
    try {
      return awaitFirst(wanted);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no such notification; received: "
              + notifications
              + "\nprometheus log: "
              + prometheus.log()
              + "\nalertmanager log: "
              + alertmanager.log(),
          e);
    }
  }

  private static Notification awaitFirst(Predicate<JsonNode> wanted) {
    return await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                notifications.stream()
                    .filter(n -> n.alerts().stream().anyMatch(wanted))
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  private static List<Notification> notificationsAbout(String endpoint) {
    return notifications.stream()
        .filter(
            n ->
                n.alerts().stream()
                    .anyMatch(a -> a.at("/labels/endpoint").asText().equals(endpoint)))
        .toList();
  }

  /** Alertmanager's alerts of that name for a Kimi endpoint. */
  private static List<JsonNode> alertmanagerAlerts(String name, String endpoint) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode alert : alertmanager.alerts()) {
      if (alert(name).test(alert) && alert.at("/labels/endpoint").asText().equals(endpoint)) {
        found.add(alert);
      }
    }
    return found;
  }

  /** The figures the docs quote: how long each step took, in the test's output. */
  private static void timeline(String step, long from, Notification arrived) {
    timeline(step, from, arrived.nanos());
  }

  private static void timeline(String step, long from, long to) {
    System.out.printf("AlertingIT timeline: %s: %.1f s%n", step, (to - from) / 1e9);
  }
}
