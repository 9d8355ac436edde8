package dev.routewatch.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * config/alertmanager/alertmanager.yml: amtool accepts it, each kind of alert reaches the receiver
 * the docs promise, and every inhibition rule names the labels the two alerts share.
 */
class AlertmanagerConfigTest {

  private static final Path DIR = Path.of("config/alertmanager");
  private static final String CONFIG = "alertmanager.yml";

  @Test
  void amtoolAcceptsTheExampleConfiguration() throws Exception {
    assumeTrue(Tools.installed("amtool"), "amtool is not installed");
    Tools.Result result = Tools.run(DIR, "amtool", "check-config", CONFIG);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @ParameterizedTest
  @CsvSource({
    "OpenRouterEndpointUptimeCriticallyLow, critical, critical",
    "OpenRouterEndpointUptimeLow, warning, warning",
    "OpenRouterEndpointPriceIncreased, warning, changes",
    "OpenRouterEndpointQuantizationChanged, warning, changes",
    "OpenRouterEndpointContextLengthReduced, warning, changes",
    "OpenRouterEndpointDeprioritised, info, null",
    "OpenRouterEndpointAppeared, info, null",
    "OpenRouterExporterDown, critical, critical",
  })
  void eachKindOfAlertReachesItsReceiver(String alertname, String severity, String receiver)
      throws Exception {
    assumeTrue(Tools.installed("amtool"), "amtool is not installed");
    Tools.Result result =
        Tools.run(
            DIR,
            "amtool",
            "config",
            "routes",
            "test",
            "--config.file=" + CONFIG,
            "alertname=" + alertname,
            "severity=" + severity,
            "model=m/a");
    assertThat(result.exitCode()).as(result.output()).isZero();
    // The receiver is the last line (amtool may warn before it).
    List<String> lines = result.output().strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo(receiver);
  }

  /** Each alert the rules mute keeps `job` (mixin/config.libsonnet, groupLabels). */
  @Test
  void everyInhibitionRuleNamesTheLabelsBothAlertsShare() throws Exception {
    Map<String, Object> config = new Yaml().load(Files.readString(DIR.resolve(CONFIG)));
    List<?> rules = (List<?>) config.get("inhibit_rules");
    assertThat(rules).hasSize(4);
    for (Object rule : rules) {
      assertThat(String.valueOf(((Map<?, ?>) rule).get("equal")))
          .as(rule.toString())
          .contains("job");
    }
  }
}
