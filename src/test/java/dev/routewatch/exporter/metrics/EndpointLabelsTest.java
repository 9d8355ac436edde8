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
  void anEndpointWithoutATagIsNamedAfterItsProvider() {
    assertThat(
            EndpointLabels.of(
                List.of(
                    untagged("Google AI Studio"),
                    untagged("  Together (FP8) / Turbo!  "),
                    untagged("DeepInfra"),
                    endpoint("{\"tag\": \"\", \"provider_name\": \"Chutes\"}"))))
        .containsExactly("google-ai-studio", "together-fp8-turbo", "deepinfra", "chutes");
  }

  @Test
  void anEndpointWithoutATagOrAProviderNameIsUnknown() {
    assertThat(EndpointLabels.of(List.of(endpoint("{}"), untagged("---"), untagged("éé"))))
        .containsExactly("unknown", "unknown#2", "unknown#3");
  }

  @Test
  void derivedNamesAreNumberedLikeTagsAfterward() {
    assertThat(
            EndpointLabels.of(
                List.of(
                    untagged("Fireworks"),
                    endpoint("{\"tag\": \"fireworks\"}"),
                    untagged("Fireworks"))))
        .containsExactly("fireworks", "fireworks#2", "fireworks#3");
  }

  private static Endpoint untagged(String providerName) {
    return endpoint("{\"provider_name\": \"" + providerName + "\"}");
  }

  private static Endpoint endpoint(String json) {
    return parse(json, Endpoint.class);
  }

  private static List<Endpoint> tags(String... tags) {
    return Arrays.stream(tags)
        .map(tag -> parse(tag == null ? "{}" : "{\"tag\": \"" + tag + "\"}", Endpoint.class))
        .toList();
  }
}
