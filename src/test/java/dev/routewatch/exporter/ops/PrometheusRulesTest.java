package dev.routewatch.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.routewatch.exporter.MarkdownFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * config/prometheus/: promtool accepts the rules and the example configuration, the rules' unit
 * tests pass and cover every alert both ways, and the alerts have the mixins' shape: their
 * thresholds in one place, a runbook section each in docs/runbooks.md and a dashboard link.
 */
class PrometheusRulesTest {

  private static final Path DIR = Path.of("config/prometheus");
  private static final String RULES = "openrouter-exporter.rules.yml";
  private static final String ALERTS = "openrouter-exporter.alerts.yml";
  private static final String UNIT_TESTS = "tests/openrouter-exporter.test.yml";
  private static final String THRESHOLDS_GROUP = "openrouter-exporter-thresholds";
  private static final Path RUNBOOKS = Path.of("docs/runbooks.md");

  @Test
  void promtoolAcceptsTheRuleFiles() throws Exception {
    assumeTrue(Tools.installed("promtool"), "promtool is not installed");
    Tools.Result result = Tools.run(DIR, "promtool", "check", "rules", RULES, ALERTS);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void theRulesUnitTestsPass() throws Exception {
    assumeTrue(Tools.installed("promtool"), "promtool is not installed");
    Tools.Result result = Tools.run(DIR, "promtool", "test", "rules", UNIT_TESTS);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void promtoolAcceptsTheExampleConfigurationAndTheRulesItLoads() throws Exception {
    assumeTrue(Tools.installed("promtool"), "promtool is not installed");
    Tools.Result result = Tools.run(DIR, "promtool", "check", "config", "prometheus.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Checking " + RULES).contains("Checking " + ALERTS);
  }

  @Test
  void everyAlertHasACamelCaseNameASeverityAndTheMixinsAnnotations() throws Exception {
    List<Map<String, Object>> alerts = rules(ALERTS);
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
    for (Map<String, Object> alert : alerts) {
      String name = (String) alert.get("alert");
      assertThat(name).matches("OpenRouter([A-Z][a-z0-9]+)+");
      assertThat(map(alert.get("labels")).get("severity"))
          .as(name)
          .isIn("info", "warning", "critical");
      assertThat(map(alert.get("annotations")))
          .as(name)
          .containsOnlyKeys("summary", "description", "runbook_url", "dashboard_url")
          .allSatisfy((key, text) -> assertThat((String) text).isNotBlank());
      assertThat(annotation(alert, "runbook_url"))
          .as(name)
          .startsWith("https://")
          .endsWith("/docs/runbooks.md#" + name.toLowerCase(Locale.ROOT));
      assertThat(alert).as(name).containsKey("for");
    }
  }

  @Test
  void theUnitTestsSeeEveryAlertFireAndStaySilent() throws Exception {
    Map<String, List<Integer>> expectedCounts = new LinkedHashMap<>();
    Map<String, Object> tests = new Yaml().load(Files.readString(DIR.resolve(UNIT_TESTS)));
    for (Map<String, Object> test : list(tests.get("tests"))) {
      for (Map<String, Object> check : list(test.getOrDefault("alert_rule_test", List.of()))) {
        expectedCounts
            .computeIfAbsent((String) check.get("alertname"), name -> new ArrayList<>())
            .add(((List<?>) check.get("exp_alerts")).size());
      }
    }
    for (Map<String, Object> alert : rules(ALERTS)) {
      String name = (String) alert.get("alert");
      assertThat(expectedCounts.get(name))
          .as("%s: a case where it fires and one where it does not", name)
          .isNotNull()
          .contains(0)
          .anySatisfy(count -> assertThat(count).isPositive());
    }
  }

  /**
   * Thresholds are tuned in one place: the alerts compare against the threshold series, never
   * against a number of their own (0 and 1 are states, not thresholds).
   */
  @Test
  void theAlertsTakeTheirThresholdsFromTheThresholdsGroup() throws Exception {
    Set<String> thresholds = new TreeSet<>();
    Map<String, Object> rules = new Yaml().load(Files.readString(DIR.resolve(RULES)));
    for (Map<String, Object> group : list(rules.get("groups"))) {
      if (THRESHOLDS_GROUP.equals(group.get("name"))) {
        for (Map<String, Object> rule : list(group.get("rules"))) {
          assertThat((String) rule.get("expr")).matches("vector\\([0-9.]+\\)");
          thresholds.add((String) rule.get("record"));
        }
      }
    }
    assertThat(thresholds).hasSize(15);

    Pattern number = Pattern.compile("(?<![\\w.:\\[])\\d+(\\.\\d+)?(?![\\w\\]])");
    List<String> used = new ArrayList<>();
    for (Map<String, Object> alert : rules(ALERTS)) {
      String expr = ((String) alert.get("expr")).replaceAll("offset \\d+[smhd]", "");
      Matcher matcher = number.matcher(expr);
      while (matcher.find()) {
        assertThat(matcher.group())
            .as("a number in %s: make it a threshold series", alert.get("alert"))
            .isIn("0", "1");
      }
      thresholds.stream().filter(expr::contains).forEach(used::add);
    }
    assertThat(used).containsAll(thresholds);
  }

  @Test
  void everyAlertHasExactlyOneRowInTheRunbooksTableAndEveryRowAnAlert() throws Exception {
    List<MarkdownFile.Table> runbook =
        MarkdownFile.read(RUNBOOKS).tablesUnder("Alerts at a glance");
    assertThat(runbook).as("docs/runbooks.md, Alerts at a glance").hasSize(1);
    List<String> alerts = new ArrayList<>();
    for (Map<String, Object> alert : rules(ALERTS)) {
      alerts.add((String) alert.get("alert"));
    }

    assertThat(runbook.get(0).firstColumnNames())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(alerts);
  }

  /**
   * Each alert's runbook_url opens a section of docs/runbooks.md of its own that says what the
   * alert means, what to check and what to do.
   */
  @Test
  void everyRunbookUrlOpensASectionSayingWhatItMeansWhatToCheckAndWhatToDo() throws Exception {
    MarkdownFile runbooks = MarkdownFile.read(RUNBOOKS);
    Set<String> anchors = new TreeSet<>();
    for (Map<String, Object> alert : rules(ALERTS)) {
      String name = (String) alert.get("alert");
      String anchor = annotation(alert, "runbook_url").replaceFirst(".*#", "");
      assertThat(anchors.add(anchor)).as("%s: a section of its own", name).isTrue();
      assertThat(runbooks.anchors()).as(name).contains(anchor);
      String section = runbooks.section(anchor).orElseThrow();
      for (String part : List.of("**Meaning.**", "**Check.**", "**Action.**")) {
        assertThat(section)
            .as("%s: %s", name, part)
            .containsPattern(Pattern.quote(part) + "\\s+\\S");
      }
    }
  }

  /**
   * dashboard_url opens the dashboard with the alert's model, and provider, selected: those its
   * description speaks of.
   */
  @Test
  void everyDashboardUrlSelectsTheAlertsModelAndProvider() throws Exception {
    for (Map<String, Object> alert : rules(ALERTS)) {
      String name = (String) alert.get("alert");
      String url = annotation(alert, "dashboard_url");
      assertThat(url).as(name).contains("/d/openrouter-exporter");
      String description = annotation(alert, "description");
      if (description.contains("$labels.model")) {
        assertThat(url).as(name).contains("var-model={{ $labels.model | urlquery }}");
      }
      if (description.contains("$labels.provider")) {
        assertThat(url).as(name).contains("var-provider={{ $labels.provider | urlquery }}");
      }
    }
  }

  private static String annotation(Map<String, Object> alert, String key) {
    return (String) map(alert.get("annotations")).get(key);
  }

  private static List<Map<String, Object>> rules(String file) throws Exception {
    Map<String, Object> content = new Yaml().load(Files.readString(DIR.resolve(file)));
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : list(content.get("groups"))) {
      rules.addAll(list(group.get("rules")));
    }
    return rules;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object yaml) {
    return (List<Map<String, Object>>) yaml;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object yaml) {
    return (Map<String, Object>) yaml;
  }
}
