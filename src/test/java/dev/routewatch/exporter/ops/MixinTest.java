package dev.routewatch.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule files and the dashboard are generated from mixin/: what is committed is what the jsonnet
 * there generates, so an edit made to a generated file alone fails here.
 */
class MixinTest {

  @Test
  void theCommittedFilesAreWhatTheMixinGenerates() throws Exception {
    assumeTrue(Tools.installed("jsonnet"), "jsonnet is not installed");
    // What generate.sh writes with -m: each generated file's path and content.
    Tools.Result result = Tools.run(Path.of("."), "jsonnet", "mixin/generated.jsonnet");
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode generated = new ObjectMapper().readTree(result.output());

    List<String> paths = new ArrayList<>();
    generated.fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "config/prometheus/openrouter-exporter.rules.yml",
            "config/prometheus/openrouter-exporter.alerts.yml",
            "grafana/dashboards/openrouter-exporter.json");
    for (String path : paths) {
      assertThat(Path.of(path)).as("run mixin/generate.sh and commit").exists();
      // jsonnet -m ends each file with a newline. A boolean, since a diff of such long texts
      // takes AssertJ minutes: `git diff` after generate.sh shows it.
      boolean same = Files.readString(Path.of(path)).equals(generated.get(path).asText() + "\n");
      assertThat(same)
          .as("%s differs from what mixin/ generates: run mixin/generate.sh", path)
          .isTrue();
    }
  }
}
