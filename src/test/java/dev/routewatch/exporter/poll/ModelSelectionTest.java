package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.ModelPattern;
import dev.routewatch.exporter.config.Otlp;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

  /** The ids of the real catalog excerpt (10-models-list-excerpt-decisions-models.json). */
  private static final List<String> CATALOG =
      List.of(
          "upstage/solar-decide",
          "respan/span-01",
          "respan/span-01-lite",
          "respan/span-01-lite:free",
          "typesafe/jev-router",
          "jaredpalmer/kev-4b",
          "~typesafe/jev-latest",
          "typesafe/jev-1.13");

  private static ExporterConfig config(
      List<String> ids, List<String> patterns, List<String> exclusions, int maxModels) {
    return new ExporterConfig(
        new ExporterConfig.Upstream(
            "http://127.0.0.1:1", Optional.empty(), Duration.ofSeconds(1), 1, 1, 1024, 256),
        new ExporterConfig.Poll(Duration.ofMinutes(1), Duration.ofMinutes(10)),
        ids.stream().map(ModelId::new).toList(),
        new ExporterConfig.Discovery(
            patterns.stream().map(ModelPattern::new).toList(),
            exclusions.stream().map(ModelPattern::new).toList(),
            Duration.ofHours(1),
            maxModels),
        new InetSocketAddress(0),
        new ExporterConfig.Metrics(false),
        Optional.empty(),
        new Otlp(
            Optional.empty(),
            Otlp.Protocol.HTTP_PROTOBUF,
            Duration.ofSeconds(60),
            Map.of(),
            Map.of()),
        new ExporterConfig.Account(Duration.ofMinutes(5), Optional.empty(), false),
        Optional.empty());
  }

  private static List<String> ids(ModelSelection selection) {
    return selection.models().stream().map(ModelId::value).toList();
  }

  @Test
  void explicitIdsComeFirstThenSortedMatchesMinusExclusions() {
    ModelSelection selection =
        ModelSelection.of(
            config(
                List.of("upstage/solar-decide"),
                List.of("respan/*", "*/jev-*"),
                List.of("*:free"),
                500),
            CATALOG);

    assertThat(ids(selection))
        .containsExactly(
            "upstage/solar-decide",
            "respan/span-01",
            "respan/span-01-lite",
            "typesafe/jev-1.13",
            "typesafe/jev-router",
            "~typesafe/jev-latest");
    assertThat(selection.excluded()).isEqualTo(1);
    assertThat(selection.capped()).isZero();
  }

  @Test
  void anExplicitIdIsNeverExcludedNorCountedAsAMatch() {
    ModelSelection selection =
        ModelSelection.of(
            config(List.of("respan/span-01-lite:free"), List.of("*:free"), List.of("*"), 500),
            CATALOG);

    assertThat(ids(selection)).containsExactly("respan/span-01-lite:free");
    assertThat(selection.excluded()).isZero();
  }

  @Test
  void matchesBeyondMaxModelsAreCutInSortedOrder() {
    ModelSelection selection =
        ModelSelection.of(config(List.of("a/b"), List.of("*"), List.of(), 3), CATALOG);

    assertThat(ids(selection))
        .containsExactly("a/b", "jaredpalmer/kev-4b", "respan/span-01", "respan/span-01-lite");
    assertThat(selection.capped()).isEqualTo(5);
  }

  @Test
  void questionMarkIsOneCharacterAndTheTildeIsLiteral() {
    ModelSelection selection =
        ModelSelection.of(
            config(List.of(), List.of("~typesafe/*", "respan/span-0?"), List.of(), 500), CATALOG);

    assertThat(ids(selection)).containsExactly("respan/span-01", "~typesafe/jev-latest");
  }
}
