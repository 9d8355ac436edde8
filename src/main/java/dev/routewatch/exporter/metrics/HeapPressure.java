package dev.routewatch.exporter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Optional;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How full the heap is once the garbage collector has run: what it could not free is live data, and
 * when that stays near the maximum the JVM is about to run out of memory. Above {@link #LIMIT} the
 * exporter says so (a log line, /-/ready 503) before it dies, rather than being restarted in a loop
 * with nothing but the JVM's own last line. Example:
 *
 * <pre>
 * # HELP openrouter_exporter_heap_after_gc_ratio Share of the maximum heap still in use after the latest garbage collection of each heap pool (live data); above 0.9 /-/ready answers 503.
 * # TYPE openrouter_exporter_heap_after_gc_ratio gauge
 * openrouter_exporter_heap_after_gc_ratio 0.42
 * </pre>
 *
 * <p>The figure comes from each heap pool's usage after its own last collection ({@link
 * MemoryPoolMXBean#getCollectionUsage()}), recomputed when the JVM reports a collection: a young
 * collection leaves the old generation's figure from its last full collection, so garbage waiting
 * there does not count. Nothing is polled; a scrape or /-/ready only reads the last figure.
 */
public final class HeapPressure {

  private static final Logger logger = LoggerFactory.getLogger(HeapPressure.class);

  /** Above this share of the heap after a collection, the exporter is not ready. */
  static final double LIMIT = 0.9;

  private static final String RATIO = "openrouter.exporter.heap.after.gc.ratio";

  /** The JVM reports each finished collection with this notification type. */
  private static final String COLLECTION = "com.sun.management.gc.notification";

  private static final HeapPressure JVM = listening();

  private volatile double ratio;

  /** For testing only: a figure set by {@link #collected}, not by the JVM. */
  HeapPressure() {}

  /** The one instance for this JVM, updated at every garbage collection. */
  public static HeapPressure jvm() {
    return JVM;
  }

  private static HeapPressure listening() {
    HeapPressure pressure = new HeapPressure();
    NotificationFilter collections = notification -> COLLECTION.equals(notification.getType());
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (notification, ignored) -> pressure.collected(afterCollections()), collections, null);
      }
    }
    pressure.collected(afterCollections());
    return pressure;
  }

  /** The heap pools' usage after their last collection, as a share of the largest heap. */
  private static double afterCollections() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterCollection = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
        used += afterCollection.getUsed();
      }
    }
    return (double) used / Runtime.getRuntime().maxMemory();
  }

  /** Records the share of the heap in use after a collection; logs when it crosses the limit. */
  void collected(double afterCollection) {
    boolean wasOver = ratio > LIMIT;
    ratio = afterCollection;
    boolean over = afterCollection > LIMIT;
    if (over && !wasOver) {
      logger.warn(
          "The heap is {}% full after garbage collection (over {}%): /-/ready answers 503 until it"
              + " is below; give the JVM a larger heap (-Xmx, or a larger container memory limit"
              + " with -XX:MaxRAMPercentage), or poll fewer models",
          percent(afterCollection), percent(LIMIT));
    } else if (wasOver && !over) {
      logger.info(
          "The heap is {}% full after garbage collection, below {}% again: ready",
          percent(afterCollection), percent(LIMIT));
    }
  }

  /** Why the exporter should not be called ready, while the heap is over the limit. */
  public Optional<String> problem() {
    double now = ratio;
    if (now <= LIMIT) {
      return Optional.empty();
    }
    return Optional.of(
        "the heap is "
            + percent(now)
            + "% full after garbage collection (over "
            + percent(LIMIT)
            + "%): give the JVM a larger heap or poll fewer models");
  }

  void register(MeterRegistry registry) {
    Gauge.builder(RATIO, this, pressure -> pressure.ratio)
        .description(
            "Share of the maximum heap still in use after the latest garbage collection of each"
                + " heap pool (live data); above 0.9 /-/ready answers 503.")
        .register(registry);
  }

  private static long percent(double ratio) {
    return Math.round(ratio * 100);
  }
}
