package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * config/prometheus/prometheus.yml as the ITs run it against the jars: every interval at a second,
 * the rule files at their absolute paths, the targets at the jars and no Alertmanager; everything
 * else as shipped.
 */
final class ShippedPrometheusConfig {

  static final Path DIR = Path.of("config/prometheus");
  static final String JOB = "openrouter-exporter";

  private ShippedPrometheusConfig() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> scraping(int... exporterPorts) throws Exception {
    Map<String, Object> config = new Yaml().load(Files.readString(DIR.resolve("prometheus.yml")));
    ((Map<String, Object>) config.get("global")).put("evaluation_interval", "1s");
    // The shipped Alertmanager's address resolves only in compose.
    config.remove("alerting");
    List<String> ruleFiles = new ArrayList<>();
    for (String file : (List<String>) config.get("rule_files")) {
      ruleFiles.add(DIR.resolve(file).toAbsolutePath().toString());
    }
    config.put("rule_files", ruleFiles);
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
    assertThat(jobs).extracting(job -> job.get("job_name")).containsExactly(JOB);
    Map<String, Object> job = jobs.get(0);
    job.put("scrape_interval", "1s");
    job.put("scrape_timeout", "1s");
    List<String> targets = new ArrayList<>();
    for (int port : exporterPorts) {
      targets.add("127.0.0.1:" + port);
    }
    job.put("static_configs", List.of(Map.of("targets", targets)));
    return config;
  }

  /** Writes {@code config} as prometheus.yml in {@code dir}. */
  static Path write(Map<String, Object> config, Path dir) throws Exception {
    return Files.writeString(dir.resolve("prometheus.yml"), new Yaml().dump(config));
  }
}
