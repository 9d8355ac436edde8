package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upstream that sends whatever it likes: provider names with quotes, control characters and
 * exposition syntax, kilobyte-long names and tags, HTML where JSON belongs. The jar's /metrics
 * still passes promtool and its landing page shows no upstream markup.
 */
class HostileUpstreamIT {

  private static final String SCRIPT = "<script>alert(document.cookie)</script>";

  /** JSON for one endpoint; the strings are JSON-escaped by the caller. */
  private static String endpoint(String provider, String tag, String name) {
    return "{\"provider_name\":\""
        + provider
        + "\",\"tag\":\""
        + tag
        + "\",\"name\":\""
        + name
        + "\",\"uptime_last_30m\":99.5,\"status\":0,"
        + "\"pricing\":{\"prompt\":\"0.000001\"}}";
  }

  private static final String HOSTILE_ANSWER =
      "{\"data\":{\"id\":\"hostile/names\",\"name\":\""
          + SCRIPT
          + "\",\"architecture\":{\"tokenizer\":\"a\\u0000b\",\"modality\":\"x\\r\\ny\"},"
          + "\"endpoints\":["
          + String.join(
              ",",
              endpoint("Quote\\\"Provider", "q", "n"),
              endpoint("Back\\\\slash\\\\", "b", "n"),
              endpoint("Line\\nbreak} 1\\n# TYPE fake counter", "l", "n"),
              endpoint("Ctrl\\u0000\\u0001\\u001b[31m\\u007f\\u0085", "c", "n"),
              endpoint("Unpaired \\ud800 surrogate", "s", "n"),
              endpoint("\\u2028\\u2029 separators", "u", "n"),
              endpoint("Long", "t".repeat(5000), "N".repeat(100_000)),
              endpoint("Long", "t".repeat(5000), SCRIPT))
          + "]}}";

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .models("hostile/names", "hostile/html-error", "hostile/html-ok", "hostile/markup-keys")
          .upstream(HostileUpstreamIT::answerHostile)
          .awaitReady()
          .build();

  private static void answerHostile(FixtureUpstream upstream) {
    upstream.answer("hostile/names", () -> FixtureUpstream.ok(HOSTILE_ANSWER));
    upstream.answer(
        "hostile/html-error",
        () ->
            new MockResponse.Builder()
                .code(503)
                .setHeader("Content-Type", "text/html")
                .setHeader("Retry-After", SCRIPT)
                .body("<html><body>" + SCRIPT + "</body></html>")
                .build());
    upstream.answer(
        "hostile/html-ok",
        () ->
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("<html>" + SCRIPT + "</html>")
                .build());
    upstream.answer(
        "hostile/markup-keys",
        () ->
            FixtureUpstream.ok(
                "{\"data\":{\"endpoints\":[{\"" + SCRIPT + "\":1,\"status\":{\"a\":1}}]}}"));
  }

  @Test
  void hostileNamesRenderAsAnExpositionPromtoolAccepts() throws Exception {
    String metrics = exporter.metrics();

    assertThat(metrics)
        .contains("provider=\"Quote\\\"Provider\"")
        .contains("provider=\"Back\\\\slash\\\\\"")
        .contains("provider=\"Line\uFFFDbreak} 1\uFFFD# TYPE fake counter\"")
        .contains("provider=\"Ctrl\uFFFD\uFFFD\uFFFD[31m\uFFFD\uFFFD\"")
        .contains("openrouter_model_label_values_truncated{model=\"hostile/names\"} 3.0")
        .contains("endpoint=\"" + "t".repeat(255) + "…#2\"")
        .doesNotContain("t".repeat(256))
        .doesNotContain("N".repeat(256))
        .doesNotContain("\r")
        .doesNotContain("\u0000");
    assertThat(metrics.lines().filter(line -> line.startsWith("openrouter_endpoint_status{")))
        .hasSize(8);
    assertThat(metrics.lines().filter(line -> line.startsWith("# TYPE fake"))).isEmpty();
    assumeTrue(Scrapes.promtoolInstalled(), "promtool is not installed");
    assertThat(Scrapes.promtoolCheck(metrics)).isEqualTo("exit 0");
  }

  @Test
  void theLandingPageShowsNoUpstreamMarkup() throws Exception {
    String page = exporter.get("/").body();

    assertThat(page)
        .doesNotContain("<script")
        .doesNotContain("alert(")
        .contains("http_error: HTTP 503")
        .contains("bad_response: malformed JSON<")
        .contains("bad_response: unexpected JSON at $.data.endpoints[0].status");
  }
}
