package dev.routewatch.exporter.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The families rendered from the snapshot store, in the order client_java writes them (by name),
 * with each format's HELP, TYPE and UNIT lines, and the cut of a writer's output into each family's
 * header and sample lines. The sample lines of these families (gauges, counters and infos without
 * timestamps or exemplars) are the same in the text format and OpenMetrics; only headers differ. In
 * protobuf a family's header is the start of its message, its samples its metrics, and its trailer
 * the fields after them ({@link DelimitedFamilies}); the message's length goes in front.
 */
final class FamilyTable {

  /** Receives one family's part of a writer's output. */
  @FunctionalInterface
  interface FamilyOutput {
    void accept(int family, byte[] header, byte[] samples, byte[] trailer);
  }

  private static final byte[] NOTHING = new byte[0];

  private final List<MetricFamilyDescriptor> families;
  private final Map<MetricMetadata, Integer> indexes = new IdentityHashMap<>();
  private final byte[][][] headers = new byte[ScrapeFormat.values().length][][];
  private final byte[][] protobufTrailers;

  FamilyTable(List<MetricFamilyDescriptor> descriptors) {
    families =
        descriptors.stream()
            .sorted(Comparator.comparing(MetricFamilyDescriptor::getPrometheusName))
            .toList();
    for (int i = 0; i < families.size(); i++) {
      indexes.put(families.get(i).getMetadata(), i);
    }
    // The writers write a header only above data: render one point of every family.
    FamilyPoints onePointEach = new FamilyPoints();
    for (MetricFamilyDescriptor family : families) {
      switch (family.getType()) {
        case COUNTER -> onePointEach.counter(family, Labels.EMPTY, 0);
        case INFO -> onePointEach.info(family, Labels.EMPTY);
        default -> onePointEach.gauge(family, Labels.EMPTY, 0);
      }
    }
    MetricSnapshots snapshots = onePointEach.snapshots();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[][] trailers = new byte[families.size()][];
    for (ScrapeFormat format : ScrapeFormat.values()) {
      byte[][] formatHeaders = new byte[families.size()][];
      format.write(snapshots, out);
      split(
          format,
          snapshots,
          out.toByteArray(),
          (family, header, samples, trailer) -> {
            formatHeaders[family] = header;
            trailers[family] = trailer;
          });
      headers[format.ordinal()] = formatHeaders;
    }
    protobufTrailers = trailers;
  }

  int size() {
    return families.size();
  }

  /**
   * The family's name as {@code name[]} selects it, client_java's: a counter's without {@code
   * _total}, an info's without {@code _info}.
   */
  String name(int family) {
    return families.get(family).getPrometheusName();
  }

  byte[] header(ScrapeFormat format, int family) {
    return headers[format.ordinal()][family];
  }

  /** What follows the family's samples: in protobuf the rest of its message, else nothing. */
  byte[] trailer(ScrapeFormat format, int family) {
    return format == ScrapeFormat.PROTOBUF ? protobufTrailers[family] : NOTHING;
  }

  /**
   * Cuts {@code written}, what {@code format}'s writer wrote for {@code snapshots}, into each
   * family's header and sample lines. The writer writes the families in the order of {@code
   * snapshots}, skipping empty ones; in the text formats every header line starts with {@code #}
   * and no sample line does (a newline in a label value is escaped), so the cut needs no parsing.
   */
  void split(ScrapeFormat format, MetricSnapshots snapshots, byte[] written, FamilyOutput output) {
    if (format == ScrapeFormat.PROTOBUF) {
      splitProtobuf(snapshots, written, output);
      return;
    }
    int at = 0;
    for (MetricSnapshot snapshot : snapshots) {
      if (snapshot.getDataPoints().isEmpty()) {
        continue;
      }
      int headerStart = at;
      while (at < written.length && written[at] == '#') {
        at = nextLine(written, at);
      }
      int samplesStart = at;
      while (at < written.length && written[at] != '#') {
        at = nextLine(written, at);
      }
      output.accept(
          indexOf(snapshot),
          Arrays.copyOfRange(written, headerStart, samplesStart),
          Arrays.copyOfRange(written, samplesStart, at),
          NOTHING);
    }
  }

  private void splitProtobuf(MetricSnapshots snapshots, byte[] written, FamilyOutput output) {
    Iterator<DelimitedFamilies.Cut> cuts = DelimitedFamilies.cut(written).iterator();
    for (MetricSnapshot snapshot : snapshots) {
      if (!snapshot.getDataPoints().isEmpty()) {
        DelimitedFamilies.Cut cut = cuts.next();
        output.accept(indexOf(snapshot), cut.before(), cut.metrics(), cut.after());
      }
    }
    if (cuts.hasNext()) {
      throw new IllegalArgumentException("more messages than families with points");
    }
  }

  private int indexOf(MetricSnapshot snapshot) {
    Integer index = indexes.get(snapshot.getMetadata());
    if (index == null) {
      throw new IllegalArgumentException(
          "not a family of the table: " + snapshot.getMetadata().getName());
    }
    return index;
  }

  private static int nextLine(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return bytes.length;
  }
}
