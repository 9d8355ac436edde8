package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.Captures;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestModelIdTest {

  /** The ids of the real catalog excerpt, each entry's {@code "id": "..."}. */
  private static final List<String> CATALOG =
      Pattern.compile("\"id\": \"([^\"]+)\"")
          .matcher(Captures.read("10-models-list-excerpt-decisions-models.json"))
          .results()
          .map(match -> match.group(1))
          .toList();

  @Test
  void readsTheWholeExcerpt() {
    assertThat(CATALOG).hasSize(8).contains("~typesafe/jev-latest", "respan/span-01-lite:free");
  }

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
