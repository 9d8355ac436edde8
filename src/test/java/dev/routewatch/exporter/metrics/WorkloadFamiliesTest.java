package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.lines;
import static dev.routewatch.exporter.metrics.Fixtures.parse;
import static dev.routewatch.exporter.metrics.Fixtures.polledOnce;
import static dev.routewatch.exporter.metrics.Fixtures.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkloadFamiliesTest {

  private static final ModelId MODEL = new ModelId("moonshotai/kimi-k3");
  private static final Instant POLLED_AT = Instant.parse("2026-09-28T16:00:00Z");

  private static String scrapeWithWorkloads(String workloads) {
    ModelEndpoints answer =
        parse(
            """
            {"id": "moonshotai/kimi-k3",
             "endpoints": [{"provider_name": "Fireworks", "tag": "fireworks",
                            "perf_last_30m_by_workload": %s}]}
            """
                .formatted(workloads),
            ModelEndpoints.class);
    return scrape(polledOnce(MODEL, answer, POLLED_AT), POLLED_AT, false);
  }

  @Test
  void aWorkloadNameNobodyKnowsYetIsPassedThroughAsTheLabelValue() {
    String text =
        scrapeWithWorkloads(
            """
            {"holography": {"latency": {"p50": 24973.2, "p75": 30000, "p90": 41000, "p99": 90000},
                            "throughput": null, "request_count": 3}}
            """);

    assertThat(lines(text, "workload="))
        .isEqualTo(
            """
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="fireworks",model="moonshotai/kimi-k3",percentile="p50",provider="Fireworks",workload="holography"} 24.9732
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="fireworks",model="moonshotai/kimi-k3",percentile="p75",provider="Fireworks",workload="holography"} 30.0
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="fireworks",model="moonshotai/kimi-k3",percentile="p90",provider="Fireworks",workload="holography"} 41.0
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="fireworks",model="moonshotai/kimi-k3",percentile="p99",provider="Fireworks",workload="holography"} 90.0
            openrouter_endpoint_workload_requests_last_30m{endpoint="fireworks",model="moonshotai/kimi-k3",provider="Fireworks",workload="holography"} 3.0
            """);
  }

  @Test
  void nullPartsAreAbsentNeverZero() {
    String text =
        scrapeWithWorkloads(
            """
            {"text_generation": {"latency": null, "request_count": null,
                                 "throughput": {"p50": 35, "p75": null, "p90": 47, "p99": null}},
             "embeddings": null,
             "tts": {}}
            """);

    assertThat(lines(text, "workload="))
        .isEqualTo(
            """
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="fireworks",model="moonshotai/kimi-k3",percentile="p50",provider="Fireworks",workload="text_generation"} 35.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="fireworks",model="moonshotai/kimi-k3",percentile="p90",provider="Fireworks",workload="text_generation"} 47.0
            """);
  }

  @Test
  void anAnswerWithoutWorkloadsHasNoWorkloadSeries() {
    assertThat(scrapeWithWorkloads("null"))
        .doesNotContain("openrouter_endpoint_workload")
        .doesNotContain("workload=");
  }
}
