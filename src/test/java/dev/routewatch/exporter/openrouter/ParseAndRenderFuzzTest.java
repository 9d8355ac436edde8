package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Any bytes an upstream can send give either an answer or a typed {@link UpstreamException}, never
 * another exception, and every answer renders as valid exposition. In the normal test run Jazzer
 * replays the seed corpus (the real captures, under ParseAndRenderFuzzTestInputs/); {@code
 * JAZZER_FUZZ=1 ./mvnw test -Dtest=ParseAndRenderFuzzTest} fuzzes for longer.
 */
class ParseAndRenderFuzzTest {

  private static final ModelId MODEL = new ModelId("fuzz/model");

  /** A sample line of the text format 0.0.4: name, optional labels, a value. */
  private static final Pattern SAMPLE =
      Pattern.compile(
          "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)*\\})?"
              + " (-?[0-9.E+-]+|NaN|\\+Inf|-Inf)");

  @FuzzTest(maxDuration = "10s")
  void anyBytesGiveAnAnswerOrATypedErrorAndAnswersRenderAsValidExposition(byte[] body)
      throws IOException {
    ModelEndpoints answer;
    try {
      answer = AnswerParser.modelEndpoints(body);
    } catch (UpstreamException expected) {
      assertThat(expected.reason()).isNotNull();
      return;
    }
    SnapshotStore store = new SnapshotStore(List.of(MODEL));
    store.update(MODEL, state -> state.succeeded(answer, TimeSource.SYSTEM.now(), Duration.ZERO));
    ExporterMetrics metrics =
        new ExporterMetrics(
            store, Duration.ofMinutes(10), new BuildInfo("1", "r", "17"), TimeSource.SYSTEM);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.prometheusRegistry().scrape());

    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.startsWith("#")) {
        assertThat(line).matches(SAMPLE);
      }
    }
  }
}
