package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.openrouter.Endpoint;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointLabelsTest {

  @Test
  void distinctTagsAreKeptAsTheyAre() {
    assertThat(EndpointLabels.of(tags("fireworks", "fireworks/fast", "morph/fast")))
        .containsExactly("fireworks", "fireworks/fast", "morph/fast");
  }

  @Test
  void aRepeatedTagGetsTheSmallestNumberNotYetUsed() {
    assertThat(EndpointLabels.of(tags("a", "a#2", "a"))).containsExactly("a", "a#2", "a#3");
  }

  @Test
  void anEndpointWhoseOwnTagLooksNumberedKeepsItAfterADuplicate() {
    assertThat(EndpointLabels.of(tags("a", "a", "a#2"))).containsExactly("a", "a#3", "a#2");
  }

  @Test
  void duplicatesAreNumberedInAnswerOrder() {
    assertThat(EndpointLabels.of(tags("a", "b", "a", "b", "a")))
        .containsExactly("a", "b", "a#2", "b#2", "a#3");
  }

  @Test
  void aMissingTagCountsAsEmpty() {
    assertThat(EndpointLabels.of(tags(null, null))).containsExactly("", "#2");
  }

  private static List<Endpoint> tags(String... tags) {
    return Arrays.stream(tags)
        .map(tag -> parse(tag == null ? "{}" : "{\"tag\": \"" + tag + "\"}", Endpoint.class))
        .toList();
  }
}
