package dev.routewatch.exporter.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * The registry rendered at every scrape by client_java's writers, as client_java's own /metrics
 * handler renders it: every series, sorted as the writers sort them. What {@link
 * CachedExposition}'s bytes are tested against, and what it renders its few live families with.
 */
final class RenderedExposition implements Exposition {

  private final PrometheusRegistry registry;

  RenderedExposition(PrometheusRegistry registry) {
    this.registry = registry;
  }

  /** One render at a time: a whole render holds tens of megabytes for a large snapshot. */
  @Override
  public synchronized ScrapeBody scrape(ScrapeFormat format, boolean gzip, Set<String> names) {
    byte[] rendered = render(format, names.isEmpty() ? name -> true : names::contains);
    if (!gzip) {
      return ScrapeBody.of(rendered);
    }
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(rendered.length / 8);
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      out.write(rendered);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return ScrapeBody.of(compressed.toByteArray());
  }

  /** The families {@code names} selects, as the format's writer writes them, ended. */
  byte[] render(ScrapeFormat format, Predicate<String> names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);
    format.write(registry.scrape(names), out);
    return out.toByteArray();
  }

  /**
   * The families {@code names} selects by name, each as the format's writer writes it alone,
   * without OpenMetrics' {@code # EOF}: parts of an answer.
   */
  SortedMap<String, byte[]> families(ScrapeFormat format, Predicate<String> names) {
    SortedMap<String, byte[]> families = new TreeMap<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);
    for (MetricSnapshot family : registry.scrape(names)) {
      format.writeWithoutEnd(MetricSnapshots.of(family), out);
      families.put(family.getMetadata().getPrometheusName(), out.toByteArray());
    }
    return families;
  }
}
