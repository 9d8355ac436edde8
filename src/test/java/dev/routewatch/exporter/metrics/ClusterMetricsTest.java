package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClusterMetricsTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final AtomicReference<OptionalInt> members = new AtomicReference<>(OptionalInt.of(3));

  ClusterMetricsTest() {
    ClusterMetrics.register(registry, members::get, () -> 42);
  }

  @Test
  void membersAndLocalPollsHaveTheirExactNamesAndNoLabels() {
    assertThat(text(registry.scrape()))
        .contains(
            """
            # TYPE openrouter_cluster_local_polls_total counter
            openrouter_cluster_local_polls_total 42.0
            """)
        .contains(
            """
            # TYPE openrouter_cluster_members gauge
            openrouter_cluster_members 3.0
            """);
  }

  @Test
  void membersAreAbsentWhileTheDatabaseIsUnreachable() {
    members.set(OptionalInt.empty());

    assertThat(text(registry.scrape()))
        .doesNotContain("openrouter_cluster_members ")
        .contains("openrouter_cluster_local_polls_total 42.0");
  }
}
