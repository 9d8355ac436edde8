package dev.routewatch.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.Deflater;

/**
 * What a scrape of /metrics sends, for every format, mostly from bytes kept between scrapes: the
 * families of {@link RenderedExposition}, in the same bytes as client_java's writers write them.
 * Only the order differs, where the writers sort families by name and series by labels: a store
 * family's series come by model, in the snapshot's order, and a whole scrape lays its families in
 * the three groups below.
 *
 * <p>A whole scrape, in this order:
 *
 * <ol>
 *   <li>the snapshot store's families by name, rendered again only where a poll or the clock
 *       changed them ({@link ScrapeCache});
 *   <li>client_java's JVM and process families, read at most once a second ({@link SampledPart});
 *   <li>the other families (the exporter's own meters, build info), rendered now, and OpenMetrics'
 *       {@code # EOF}.
 * </ol>
 *
 * For gzip the three are one gzip member laid from deflated pieces ({@link GzipPieces}): the
 * store's kept between scrapes, so a gzip scrape of an unchanged snapshot costs little more than
 * serving static bytes.
 *
 * <p>A {@code name[]} scrape sends the families named, by name, as client_java's writer orders
 * them: the store's from the same kept bytes and pieces, the others rendered now. No scrape renders
 * the whole snapshot: the cache renders what changed, one scrape at a time.
 */
final class CachedExposition implements Exposition {

  private static final byte[] OPENMETRICS_END = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  private final RenderedExposition rendered;
  private final ScrapeCache store;
  private final SampledPart sampled;
  private final Set<String> storeFamilies =
      SnapshotCollector.FAMILIES.stream()
          .map(MetricFamilyDescriptor::getPrometheusName)
          .collect(Collectors.toUnmodifiableSet());

  CachedExposition(RenderedExposition rendered, ScrapeCache store, SampledPart sampled) {
    this.rendered = rendered;
    this.store = store;
    this.sampled = sampled;
  }

  @Override
  public ScrapeBody scrape(ScrapeFormat format, boolean gzip, Set<String> names) {
    return names.isEmpty() ? whole(format, gzip) : filtered(format, gzip, names);
  }

  private ScrapeBody whole(ScrapeFormat format, boolean gzip) {
    ScrapeCache.Encoded kept = store.encoded(format, gzip);
    SampledPart.Sample jvm = sampled.sample(format);
    byte[] live =
        rendered.render(format, name -> !storeFamilies.contains(name) && !sampled.includes(name));
    if (!gzip) {
      return new ScrapeBody(kept.parts(), kept.length(), List.of(jvm.plain(), live));
    }
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      GzipPieces.Piece deflated = GzipPieces.deflate(List.of(live), deflater);
      GzipPieces.Checksum whole =
          kept.checksum().then(jvm.deflated().checksum()).then(deflated.checksum());
      return new ScrapeBody(
          kept.parts(),
          kept.length(),
          List.of(jvm.deflated().deflated(), deflated.deflated(), GzipPieces.trailer(whole)));
    } finally {
      deflater.end();
    }
  }

  private ScrapeBody filtered(ScrapeFormat format, boolean gzip, Set<String> names) {
    List<ScrapeCache.Family> families =
        new ArrayList<>(store.families(format, gzip, names::contains));
    Deflater deflater = gzip ? new Deflater(Deflater.DEFAULT_COMPRESSION, true) : null;
    try {
      rendered
          .families(format, name -> names.contains(name) && !storeFamilies.contains(name))
          .forEach(
              (name, bytes) ->
                  families.add(
                      new ScrapeCache.Family(name, ScrapeCache.Encoded.of(bytes, deflater))));
      families.sort(Comparator.comparing(ScrapeCache.Family::name));
      List<ScrapeCache.Encoded> parts = new ArrayList<>();
      if (gzip) {
        parts.add(ScrapeCache.Encoded.GZIP_HEADER);
      }
      families.forEach(family -> parts.add(family.encoded()));
      if (format == ScrapeFormat.OPENMETRICS) {
        parts.add(ScrapeCache.Encoded.of(OPENMETRICS_END, deflater));
      }
      ScrapeCache.Encoded answer = ScrapeCache.Encoded.join(parts, gzip);
      return new ScrapeBody(
          answer.parts(),
          answer.length(),
          gzip ? List.of(GzipPieces.trailer(answer.checksum())) : List.of());
    } finally {
      if (deflater != null) {
        deflater.end();
      }
    }
  }
}
