package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestModelIdTest {

  /** The ids of the real catalog excerpt, src/test/resources/openrouter/real/10-*. */
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

  @ParameterizedTest
  @CsvSource({
    "typesafe/jev-1.31, typesafe/jev-1.13",
    "upstage/solar-decid, upstage/solar-decide",
    "jaredpalmer/kev-4b:free, jaredpalmer/kev-4b",
    "respan/span-01:free, respan/span-01",
    "respan/span-01-lite:thinking, respan/span-01-lite",
    "typesafe/jev-latest, ~typesafe/jev-latest",
    "respan/span-0l-lite:free, respan/span-01-lite:free",
  })
  void suggestsTheNearestCatalogId(String missing, String nearest) {
    assertThat(NearestModelId.of(CATALOG, new ModelId(missing))).contains(nearest);
  }

  @Test
  void suggestsNothingFarOff() {
    assertThat(NearestModelId.of(CATALOG, new ModelId("moonshotai/kimi-k3"))).isEmpty();
  }
}
