package dev.routewatch.exporter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterDatabaseTest {

  @Test
  void quartzsScriptBecomesConditionalCreatesWithoutItsDrops() {
    List<String> statements = ClusterDatabase.quartzStatements();

    assertThat(statements)
        .isNotEmpty()
        .allSatisfy(
            sql ->
                assertThat(sql)
                    .containsAnyOf("CREATE TABLE IF NOT EXISTS ", "CREATE INDEX IF NOT EXISTS ")
                    .doesNotContain("DROP"));
    assertThat(statements.stream().filter(sql -> sql.startsWith("CREATE TABLE")))
        .hasSize(11)
        .anySatisfy(sql -> assertThat(sql).contains("QRTZ_SCHEDULER_STATE"))
        .anySatisfy(sql -> assertThat(sql).contains("QRTZ_LOCKS"));
  }
}
