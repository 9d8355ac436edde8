package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MarkdownFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md cannot drift from the code: its reference tables have exactly one row per
 * key the loaders read ({@link ConfigKeys}, from the same records they bind) and no row for a key
 * they do not, and it shows the usage text as it is.
 */
class ConfigReferenceTest {

  private static final Path REFERENCE = Path.of("docs/configuration.md");

  @Test
  void theConfigurationFileTableHasOneRowPerKey() {
    List<String> keys = ConfigKeys.of(ExporterConfig.class);
    List<String> rows = documentedKeys("Configuration file");

    assertThat(keys).contains("openrouter.base_url", "poll.stale_after", "models");
    assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void theWebConfigurationFileTableHasOneRowPerKey() {
    List<String> keys = ConfigKeys.of(WebConfig.class);
    List<String> rows = documentedKeys("Web configuration file");

    assertThat(keys).contains("tls_server_config.client_auth_type", "basic_auth_users");
    assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void theReferenceShowsTheUsageTextAsItIs() throws Exception {
    assertThat(Files.readString(REFERENCE)).contains("```text\n" + CommandLine.usage() + "```\n");
  }

  /** The keys named by the rows of the table under that heading, one per row. */
  private static List<String> documentedKeys(String heading) {
    List<MarkdownFile.Table> tables = MarkdownFile.read(REFERENCE).tablesUnder(heading);
    assertThat(tables).as("tables under '%s' in %s", heading, REFERENCE).hasSize(1);
    assertThat(tables.get(0).header().get(0)).isEqualTo("key");
    return tables.get(0).firstColumnNames();
  }
}
