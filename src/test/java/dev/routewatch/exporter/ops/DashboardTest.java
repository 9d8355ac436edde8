package dev.routewatch.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard's structure: its variables, that every panel queries through the datasource
 * variable and follows the model and provider selection, and that every value is shown in the unit
 * of what it measures. That its queries run and return data is MonitoringStackIT's.
 */
class DashboardTest {

  private static final Path DASHBOARD = Path.of("grafana/dashboards/openrouter-exporter.json");
  private static final Path RULES = Path.of("config/prometheus/openrouter-exporter.rules.yml");
  private static final String DATASOURCE = "${datasource}";

  private static JsonNode dashboard;
  private static List<JsonNode> panels;

  @BeforeAll
  static void load() throws Exception {
    dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    panels = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      if (!"row".equals(panel.get("type").asText())) {
        panels.add(panel);
      }
      panel.path("panels").forEach(panels::add);
    }
  }

  @Test
  void theDashboardHasAStableUidATitleAndPanels() {
    assertThat(dashboard.get("uid").asText()).isEqualTo("openrouter-exporter");
    assertThat(dashboard.get("title").asText()).isNotBlank();
    assertThat(panels).hasSizeGreaterThanOrEqualTo(12);
  }

  @Test
  void theVariablesAreTheDatasourceAndMultiSelectModelAndProvider() {
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    dashboard.at("/templating/list").forEach(v -> variables.put(v.get("name").asText(), v));
    assertThat(variables).containsOnlyKeys("datasource", "model", "provider");

    JsonNode datasource = variables.get("datasource");
    assertThat(datasource.get("type").asText()).isEqualTo("datasource");
    assertThat(datasource.get("query").asText()).isEqualTo("prometheus");

    for (String name : List.of("model", "provider")) {
      JsonNode variable = variables.get(name);
      assertThat(variable.get("type").asText()).as(name).isEqualTo("query");
      assertThat(variable.at("/datasource/uid").asText()).as(name).isEqualTo(DATASOURCE);
      assertThat(variable.get("multi").asBoolean()).as(name + " multi").isTrue();
      assertThat(variable.get("includeAll").asBoolean()).as(name + " includeAll").isTrue();
      assertThat(variable.get("allValue").asText()).as(name).isEqualTo(".*");
      assertThat(variable.get("definition").asText())
          .as(name)
          .startsWith("label_values(")
          .endsWith(", " + name + ")")
          .isEqualTo(variable.get("query").asText());
    }
    assertThat(variables.get("provider").get("definition").asText())
        .as("providers of the selected models")
        .contains("model=~\"$model\"");
  }

  @Test
  void everyPanelQueriesThroughTheDatasourceVariable() {
    for (JsonNode panel : panels) {
      String title = panel.get("title").asText();
      assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo(DATASOURCE);
      assertThat(panel.at("/datasource/type").asText()).as(title).isEqualTo("prometheus");
      assertThat(panel.get("targets")).as(title).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.get("targets")) {
        assertThat(target.at("/datasource/uid").asText()).as(title).isEqualTo(DATASOURCE);
        assertThat(target.get("expr").asText()).as(title).isNotBlank();
        assertThat(refIds.add(target.get("refId").asText())).as(title + " refIds").isTrue();
      }
    }
  }

  private static final Pattern RAW_ENDPOINT_SELECTOR =
      Pattern.compile("(?<![:\\w])openrouter_endpoint_\\w+\\{([^}]*)}");

  /**
   * The account's own figures (docs/account.md): one per account, with no model or provider to
   * select. The activity families have both and follow the selection like the endpoints'.
   */
  private static final Pattern ACCOUNT_FAMILY =
      Pattern.compile("\\b(openrouter_key_|openrouter_credits_|openrouter_account_|account:)");

  private static final Pattern RAW_ACTIVITY_SELECTOR =
      Pattern.compile("(?<![:\\w])openrouter_activity_\\w+(\\{[^}]*})?");

  @Test
  void everyQueryFollowsTheModelAndProviderSelection() {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asText();
        if (!expr.contains("openrouter_api_requests_total")
            && !ACCOUNT_FAMILY.matcher(expr).find()) {
          assertThat(expr).as(panel.get("title").asText()).contains("model=~\"$model\"");
        }
        Matcher selector = RAW_ENDPOINT_SELECTOR.matcher(expr);
        while (selector.find()) {
          assertThat(selector.group(1))
              .as(panel.get("title").asText())
              .contains("provider=~\"$provider\"");
        }
        Matcher activity = RAW_ACTIVITY_SELECTOR.matcher(expr);
        while (activity.find()) {
          assertThat(activity.group())
              .as(panel.get("title").asText())
              .contains("model=~\"$model\"", "provider=~\"$provider\"");
        }
      }
    }
  }

  @Test
  void everyValueIsShownInTheUnitOfWhatItMeasures() {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asText();
        String expected = expectedUnit(expr);
        assertThat(fieldProperty(panel, target, "unit").map(JsonNode::asText).orElse(null))
            .as("%s %s: %s", panel.get("title").asText(), target.get("refId").asText(), expr)
            .isEqualTo(expected);
        if (expr.contains("price_usd")) {
          assertThat(expr).as("USD per million tokens").endsWith(" * 1e6");
        }
        if (expected.equals("reqpm")) {
          assertThat(expr).as("a per-second rate shown per minute").endsWith(" * 60");
        }
      }
    }
  }

  /** The unit each kind of series has, by what its query selects. */
  private static String expectedUnit(String expr) {
    if (expr.contains("key_limit_usd:used_ratio")) {
      return "percentunit";
    }
    if (expr.contains("_usd")) {
      return "currencyUSD";
    }
    if (expr.contains("openrouter_activity_requests")) {
      return "short";
    }
    if (expr.contains("workload_requests_last_30m")) {
      return expr.contains(":share") ? "percentunit" : "short";
    }
    if (expr.contains("uptime")) {
      return "percentunit";
    }
    if (expr.contains("context_length_tokens")) {
      return "short";
    }
    if (expr.contains("tokens_per_second")) {
      return "suffix: tokens/s";
    }
    if (expr.contains("_timestamp_seconds") && expr.endsWith(" * 1e3")) {
      return "dateTimeAsIso";
    }
    if (expr.contains("_seconds") || expr.contains("timestamp(")) {
      return "s";
    }
    if (expr.matches("(?s).*rate\\(\\w+_total.*")) {
      return "reqpm";
    }
    if (expr.matches(
        "(?s).*\\b(openrouter_endpoint_status|openrouter_up|openrouter_model_endpoints|openrouter_endpoint_info|openrouter_account_up)\\b.*")) {
      return "none";
    }
    throw new AssertionError("no unit known for " + expr + ": add it to this test");
  }

  @Test
  void theUptimeColoursAreTheDefaultAlertThresholds() throws Exception {
    String rules = Files.readString(RULES);
    List<Double> expected = new ArrayList<>();
    expected.add(null);
    expected.add(threshold(rules, "openrouter:uptime_critical:threshold"));
    expected.add(threshold(rules, "openrouter:uptime_warning:threshold"));

    int coloured = 0;
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asText();
        if (!expectedUnit(expr).equals("percentunit") || !expr.contains("uptime")) {
          continue;
        }
        Optional<JsonNode> thresholds = fieldProperty(panel, target, "thresholds");
        if (thresholds.isPresent()) {
          List<Double> steps = new ArrayList<>();
          for (JsonNode step : thresholds.get().get("steps")) {
            steps.add(step.get("value").isNull() ? null : step.get("value").asDouble());
          }
          assertThat(steps).as(panel.get("title").asText()).isEqualTo(expected);
          coloured++;
        }
      }
    }
    assertThat(coloured).as("uptime values with colours").isGreaterThanOrEqualTo(5);
  }

  private static double threshold(String rules, String record) {
    Map<String, Object> content = new Yaml().load(rules);
    for (Object group : (List<?>) content.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        if (record.equals(((Map<?, ?>) rule).get("record"))) {
          Matcher value =
              Pattern.compile("vector\\(([0-9.]+)\\)")
                  .matcher((String) ((Map<?, ?>) rule).get("expr"));
          assertThat(value.matches()).as(record).isTrue();
          return Double.parseDouble(value.group(1));
        }
      }
    }
    throw new AssertionError(record + " is not recorded");
  }

  @Test
  void thePanelsDoNotOverlapAndHaveUniqueIds() {
    Set<Integer> ids = new HashSet<>();
    Set<String> cells = new HashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("id " + panel.get("id")).isTrue();
      JsonNode pos = panel.get("gridPos");
      assertThat(pos.get("x").asInt() + pos.get("w").asInt()).isLessThanOrEqualTo(24);
      for (int x = pos.get("x").asInt(); x < pos.get("x").asInt() + pos.get("w").asInt(); x++) {
        for (int y = pos.get("y").asInt(); y < pos.get("y").asInt() + pos.get("h").asInt(); y++) {
          assertThat(cells.add(x + "," + y)).as(panel.get("title").asText()).isTrue();
        }
      }
    }
  }

  @Test
  void thePanelsTheIssueListsAreThere() {
    assertThat(panels)
        .extracting(panel -> panel.get("title").asText())
        .contains(
            "Uptime and status by endpoint",
            "30m uptime over time",
            "Time to first token (p50, p90, p99)",
            "Throughput (median)",
            "Cheapest healthy endpoint per model",
            "Prices per million tokens",
            "Endpoints per model",
            "Latest poll per model",
            "Age of the data (OpenRouter's answer)",
            "Failed polls per minute, by reason",
            "Requests per endpoint by workload (last 30 minutes)",
            "Share of the model's requests");
  }

  @Test
  void thePricePanelsShowThePriceInEffectNotTheListPrice() {
    int prices = 0;
    // The Changes row shows list prices on purpose: a time-of-day price is no change of price.
    for (JsonNode panel : rowPanels("Prices and endpoints")) {
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asText();
        if (expr.contains("price_usd")) {
          assertThat(expr)
              .as(panel.get("title").asText())
              .contains("effective_token_price_usd")
              .doesNotContain("openrouter_endpoint_token_price_usd");
          prices++;
        }
      }
    }
    assertThat(prices).isGreaterThanOrEqualTo(4);
  }

  @Test
  void theChangesRowShowsListPriceBeforeAndAfterAndModelExpiry() {
    List<String> titles = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : rowPanels("Changes")) {
      titles.add(panel.get("title").asText());
      panel.get("targets").forEach(target -> exprs.add(target.get("expr").asText()));
    }

    assertThat(titles)
        .contains(
            "List price changes within the last hour (USD per million tokens)", "Model expiry");
    assertThat(exprs)
        .anyMatch(
            expr ->
                expr.startsWith(
                    "max by (model, provider, endpoint, kind) (openrouter_endpoint_token_price_usd{"))
        .anyMatch(expr -> expr.contains("(min_over_time(openrouter_endpoint_token_price_usd{"))
        .anyMatch(expr -> expr.contains("(max_over_time(openrouter_endpoint_token_price_usd{"))
        .anyMatch(expr -> expr.contains("openrouter_model_expiration_timestamp_seconds{"));
  }

  /** The panels of the row titled {@code title}, whether the row is open or collapsed. */
  private static List<JsonNode> rowPanels(String title) {
    List<JsonNode> inRow = new ArrayList<>();
    String row = null;
    for (JsonNode panel : dashboard.get("panels")) {
      if ("row".equals(panel.get("type").asText())) {
        row = panel.get("title").asText();
        if (row.equals(title)) {
          panel.path("panels").forEach(inRow::add);
        }
      } else if (title.equals(row)) {
        inRow.add(panel);
      }
    }
    assertThat(inRow).as("panels of the row " + title).isNotEmpty();
    return inRow;
  }

  @Test
  void theTrafficRowHoldsTheWorkloadPanels() {
    assertThat(topLevelTitles())
        .containsSubsequence(
            "Traffic",
            "Requests per endpoint by workload (last 30 minutes)",
            "Share of the model's requests",
            "Exporter");
  }

  @Test
  void theAccountRowHoldsTheAccountPanelsColouredAtTheAlertThresholds() throws Exception {
    assertThat(topLevelTitles())
        .containsSubsequence(
            "Account",
            "Credit balance",
            "Key limit used",
            "Key expires in",
            "Key spend per hour and per day",
            "Spend per model and provider (last completed UTC day)",
            "Latest account read per source",
            "Exporter");

    String rules = Files.readString(RULES);
    assertThat(colourSteps("Credit balance"))
        .containsExactly(null, threshold(rules, "openrouter:credits_low_usd:threshold"));
    assertThat(colourSteps("Key limit used"))
        .containsExactly(
            null, threshold(rules, "openrouter:key_limit_used_warning_ratio:threshold"), 1.0);
    assertThat(colourSteps("Key expires in"))
        .containsExactly(null, threshold(rules, "openrouter:key_expiry_warning_seconds:threshold"));
  }

  /** Rows and the panels under them, in the dashboard's order. */
  private static List<String> topLevelTitles() {
    List<String> titles = new ArrayList<>();
    dashboard.get("panels").forEach(panel -> titles.add(panel.get("title").asText()));
    return titles;
  }

  private static List<Double> colourSteps(String title) {
    JsonNode panel =
        panels.stream()
            .filter(p -> title.equals(p.get("title").asText()))
            .findFirst()
            .orElseThrow();
    List<Double> steps = new ArrayList<>();
    for (JsonNode step : panel.at("/fieldConfig/defaults/thresholds/steps")) {
      steps.add(step.get("value").isNull() ? null : step.get("value").asDouble());
    }
    return steps;
  }

  /**
   * A field property as Grafana resolves it for one query's values: an override that names the
   * query's field ("Value #A", or "Value" when the panel has one query) wins over the defaults.
   */
  private static Optional<JsonNode> fieldProperty(
      JsonNode panel, JsonNode target, String property) {
    String refId = target.get("refId").asText();
    Set<String> names = new HashSet<>(Set.of("Value #" + refId));
    if (panel.get("targets").size() == 1) {
      names.add("Value");
    }
    for (JsonNode override : panel.at("/fieldConfig/overrides")) {
      JsonNode matcher = override.get("matcher");
      boolean matches =
          ("byName".equals(matcher.get("id").asText())
                  && names.contains(matcher.get("options").asText()))
              || ("byFrameRefID".equals(matcher.get("id").asText())
                  && refId.equals(matcher.get("options").asText()));
      if (matches) {
        for (JsonNode setting : override.get("properties")) {
          if (property.equals(setting.get("id").asText())) {
            return Optional.of(setting.get("value"));
          }
        }
      }
    }
    return Optional.ofNullable(panel.at("/fieldConfig/defaults").get(property));
  }
}
