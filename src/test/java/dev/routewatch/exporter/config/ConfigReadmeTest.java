package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration reference cannot drift: every key the loader reads is in it. */
class ConfigReadmeTest {

  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  @Test
  void everyConfigurationKeyIsDocumentedInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = keys(ConfigFile.class, "");

    assertThat(keys).contains("openrouter.base_url", "poll.stale_after", "models");
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  @Test
  void everyWebConfigurationKeyIsDocumentedInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = keys(WebConfigFile.class, "");

    assertThat(keys).contains("tls_server_config.client_auth_type", "basic_auth_users");
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  @Test
  void theReadmeShowsTheUsageTextAsItIs() throws Exception {
    assertThat(Files.readString(Path.of("README.md")))
        .contains("```text\n" + CommandLine.usage() + "```\n");
  }

  /** The dotted YAML paths of a record's components, recursing into nested records. */
  private static List<String> keys(Class<?> type, String prefix) {
    List<String> keys = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + SNAKE_CASE.translate(component.getName());
      if (component.getType().isRecord()) {
        keys.addAll(keys(component.getType(), key + "."));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }
}
