package dev.routewatch.exporter.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.Otlp;
import dev.routewatch.exporter.openrouter.Endpoint;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Real OpenRouter answers from src/test/resources/openrouter/real/, synthetic ones from
 * .../synthetic/, and the two text formats.
 */
final class Fixtures {

  // OpenRouter adds fields over time; the answer records keep only what we export.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The envelope of GET /models/{author}/{slug}/endpoints. */
  private record Body(ModelEndpoints data) {}

  private Fixtures() {}

  /**
   * A store holding every real capture of an endpoints answer, and the synthetic one, as its
   * model's last good answer, polled at {@code at}. Capture 07 is a single element of
   * data.endpoints[], so it gets a bare answer around it; capture 10 is a list of models, not an
   * endpoints answer, and is left out.
   */
  static SnapshotStore storeWithAllCaptures(Instant at) {
    Map<ModelId, ModelEndpoints> answers = new LinkedHashMap<>();
    answers.put(
        new ModelId("typesafe/jev-1.13"),
        answer("01-typesafe-jev-1.13-endpoints-latency-null.json"));
    answers.put(
        new ModelId("upstage/solar-decide"),
        answer("02-upstage-solar-decide-endpoints-status-minus2.json"));
    answers.put(
        new ModelId("jaredpalmer/kev-4b"),
        answer("03-jaredpalmer-kev-4b-endpoints-latency-null.json"));
    answers.put(
        new ModelId("~typesafe/jev-latest"),
        answer("04-alias-typesafe-jev-latest-empty-endpoints.json"));
    answers.put(
        new ModelId("typesafe/jev-router"),
        answer("05-router-typesafe-jev-router-empty-endpoints.json"));
    answers.put(
        new ModelId("moonshotai/kimi-k3"),
        answer("06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json"));
    answers.put(
        new ModelId("anthropic/claude-fable-5.1"),
        new ModelEndpoints(
            "anthropic/claude-fable-5.1",
            null,
            null,
            null,
            List.of(endpoint("07-anthropic-claude-fable-5.1-azure-endpoint-element.json"))));
    answers.put(
        new ModelId("nex-agi/nex-n2.5-pro:free"),
        answer("08-nex-agi-nex-n2.5-pro-free-endpoints-trimmed.json"));
    answers.put(
        new ModelId("deepseek/deepseek-chat-v3.1"),
        answer("09-deepseek-chat-v3.1-endpoints-2025-trimmed.json"));
    answers.put(
        new ModelId("routewatch/synthetic-api-surface"),
        synthetic("11-routewatch-synthetic-api-surface-endpoints.json"));
    SnapshotStore store = new SnapshotStore(List.copyOf(answers.keySet()));
    answers.forEach(
        (model, answer) ->
            store.update(
                model,
                state -> state.succeeded(answer, MutableClock.moment(at), Duration.ofMillis(250))));
    return store;
  }

  static ModelEndpoints answer(String file) {
    return read(file, Body.class).data();
  }

  /** A payload written for the tests, from src/test/resources/openrouter/synthetic/. */
  static ModelEndpoints synthetic(String file) {
    return read(file, Body.class).data();
  }

  /** For captures that hold one element of data.endpoints[] rather than a whole answer. */
  static Endpoint endpoint(String file) {
    return read(file, Endpoint.class);
  }

  static <T> T parse(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A store of one model whose first poll, at {@code at}, brought {@code answer}. */
  static SnapshotStore polledOnce(ModelId model, ModelEndpoints answer, Instant at) {
    SnapshotStore store = new SnapshotStore(List.of(model));
    store.update(
        model, state -> state.succeeded(answer, MutableClock.moment(at), Duration.ofMillis(250)));
    return store;
  }

  /** One scrape at {@code at} (text format), with stale_after 10m. */
  static String scrape(SnapshotStore store, Instant at, boolean supportedParameters) {
    return text(
        new SnapshotCollector(
                store,
                new SnapshotCollector.Settings(Duration.ofMinutes(10), supportedParameters),
                new MutableClock(at))
            .collect());
  }

  /** The sample lines of {@code text} that contain {@code part}, each ending in a newline. */
  static String lines(String text, String part) {
    return text.lines()
        .filter(line -> !line.startsWith("#") && line.contains(part))
        .map(line -> line + "\n")
        .collect(Collectors.joining());
  }

  /**
   * The families of {@code text} whose names start with one of {@code prefixes}, HELP and TYPE
   * lines included, in their order.
   */
  static String families(String text, String... prefixes) {
    StringBuilder kept = new StringBuilder();
    for (String line : text.lines().toList()) {
      String name = line.startsWith("# ") ? line.split(" ", 4)[2] : line.split("[{ ]", 2)[0];
      for (String prefix : prefixes) {
        if (name.startsWith(prefix)) {
          kept.append(line).append('\n');
          break;
        }
      }
    }
    return kept.toString();
  }

  /** Headers in order, and each family's sample lines in any order: what a scraper reads. */
  static List<String> seriesByFamily(String exposition) {
    List<String> families = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    for (String line : exposition.lines().toList()) {
      if (line.startsWith("#")) {
        Collections.sort(samples);
        families.addAll(samples);
        samples.clear();
        families.add(line);
      } else {
        samples.add(line);
      }
    }
    Collections.sort(samples);
    families.addAll(samples);
    return families;
  }

  /**
   * A delimited protobuf exposition as {@link #seriesByFamily} reads text: each family in order,
   * its metrics in any order.
   */
  static List<String> seriesByFamily(byte[] protobuf) throws IOException {
    List<String> families = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(protobuf);
    Metrics.MetricFamily family;
    while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      List<String> metrics = new ArrayList<>();
      family.getMetricList().forEach(metric -> metrics.add(metric.toString()));
      Collections.sort(metrics);
      families.add(family.toBuilder().clearMetric().build().toString());
      families.addAll(metrics);
    }
    return families;
  }

  static String text(MetricSnapshots snapshots) {
    return PrometheusTextFormatWriter.create().toDebugString(snapshots);
  }

  static String openMetrics(MetricSnapshots snapshots) {
    return OpenMetricsTextFormatWriter.create().toDebugString(snapshots);
  }

  private static <T> T read(String capture, Class<T> type) {
    try {
      return MAPPER.readValue(Captures.bytes(capture), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A configuration of no models with these {@code metrics:} settings, for {@code configLoaded}.
   */
  static ExporterConfig config(ExporterConfig.Metrics metrics) {
    return new ExporterConfig(
        new ExporterConfig.Upstream(
            "https://openrouter.ai/api/v1",
            Optional.empty(),
            Duration.ofSeconds(10),
            4,
            120,
            1024,
            256),
        new ExporterConfig.Poll(Duration.ofSeconds(60), Duration.ofMinutes(10)),
        List.of(),
        new ExporterConfig.Discovery(List.of(), List.of(), Duration.ofHours(1), 500),
        new InetSocketAddress(0),
        metrics,
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
}
