package dev.routewatch.exporter.otlp;

import dev.routewatch.exporter.config.Otlp;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes everything the registry holds, every family /metrics shows, to an OpenTelemetry collector
 * every {@code otlp.interval} (docs/otlp.md). On a thread of its own, with a bounded wait, so that
 * a slow or failing collector holds up neither polls nor scrapes; a failed push is counted and
 * logged when pushing starts failing and when it recovers, not at every interval.
 */
public final class OtlpPush implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(OtlpPush.class);

  /** How long one push may take at most; less when the interval is shorter. */
  static final Duration MAX_PUSH_TIME = Duration.ofSeconds(10);

  /**
   * The SDK's exporters log every failure themselves (throttled, but many lines while a collector
   * is down); this class logs each change once instead. Held here: java.util.logging keeps only
   * weak references to its loggers, and a collected logger forgets its level.
   */
  private static final java.util.logging.Logger[] SDK_FAILURE_LOGS = {
    java.util.logging.Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter"),
    java.util.logging.Logger.getLogger("io.opentelemetry.exporter.otlp.internal.GrpcExporter")
  };

  private final Otlp settings;
  private final PrometheusRegistry registry;
  private final TimeSource time;
  private final SnapshotBridge bridge;
  private final MetricExporter exporter;
  private final Duration pushTime;
  private final AtomicLong failedPushes = new AtomicLong();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "otlp-push");
            thread.setDaemon(true);
            return thread;
          });

  // Guarded by this: pushes run one at a time (the schedule's, and a test's).
  private boolean failing;

  /**
   * Starts pushing {@code settings.interval()} from now.
   *
   * @param env the process environment, for {@code OTEL_RESOURCE_ATTRIBUTES} and {@code
   *     OTEL_SERVICE_NAME}
   */
  public static OtlpPush start(
      Otlp settings,
      PrometheusRegistry registry,
      Map<String, String> env,
      String version,
      TimeSource time) {
    OtlpPush push = new OtlpPush(settings, registry, env, version, time);
    long interval = settings.interval().toMillis();
    push.scheduler.scheduleWithFixedDelay(push::push, interval, interval, TimeUnit.MILLISECONDS);
    logger.info(
        "Pushing metrics over OTLP ({}) to {} every {}s",
        settings.protocol(),
        settings.endpoint().orElseThrow(),
        settings.interval().toSeconds());
    return push;
  }

  private OtlpPush(
      Otlp settings,
      PrometheusRegistry registry,
      Map<String, String> env,
      String version,
      TimeSource time) {
    for (java.util.logging.Logger log : SDK_FAILURE_LOGS) {
      log.setLevel(Level.OFF);
    }
    this.settings = settings;
    this.registry = registry;
    this.time = time;
    this.bridge =
        new SnapshotBridge(
            OtlpResource.of(settings.resourceAttributes(), env, version),
            InstrumentationScopeInfo.builder("dev.routewatch.exporter").setVersion(version).build(),
            nanos(time.now().wall()));
    this.pushTime =
        settings.interval().compareTo(MAX_PUSH_TIME) < 0 ? settings.interval() : MAX_PUSH_TIME;
    this.exporter = exporter(settings, pushTime);
  }

  /**
   * The SDK's exporter for the protocol. No retries: the next push, an interval later, carries
   * every series anyway, and a retry would only stretch a push towards the next one. Gzip, which
   * every OTLP receiver accepts: the series repeat the same label names and values.
   */
  private static MetricExporter exporter(Otlp settings, Duration timeout) {
    String endpoint = settings.endpoint().orElseThrow().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    settings.headers().forEach((name, value) -> headers.put(name, value.reveal()));
    return switch (settings.protocol()) {
      case HTTP_PROTOBUF ->
          OtlpHttpMetricExporter.builder()
              .setEndpoint(endpoint)
              .setTimeout(timeout)
              .setCompression("gzip")
              .setRetryPolicy(null)
              .setHeaders(() -> headers)
              .build();
      case GRPC ->
          OtlpGrpcMetricExporter.builder()
              .setEndpoint(endpoint)
              .setTimeout(timeout)
              .setCompression("gzip")
              .setRetryPolicy(null)
              .setHeaders(() -> headers)
              .build();
    };
  }

  /** One push of a reading of the whole registry: never throws, so that the schedule goes on. */
  synchronized void push() {
    CompletableResultCode result;
    try {
      result = exporter.export(bridge.metrics(registry.scrape(), nanos(time.now().wall())));
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    result.join(pushTime.toMillis() + 1000, TimeUnit.MILLISECONDS);
    if (result.isSuccess()) {
      if (failing) {
        failing = false;
        logger.info("OTLP push to {} works again", settings.endpoint().orElseThrow());
      }
      return;
    }
    failedPushes.incrementAndGet();
    if (!failing) {
      failing = true;
      logger.warn(
          "OTLP push to {} failed: {}; counted in openrouter_otlp_push_errors_total, logged again"
              + " when it works",
          settings.endpoint().orElseThrow(),
          reason(result));
    }
  }

  /**
   * Why a push failed, in a few words: the status the collector answered, or the I/O problem. Reads
   * the SDK's internal failure type (pinned with the SDK's version in the pom): its public result
   * says only that the export failed.
   */
  private String reason(CompletableResultCode result) {
    Throwable failure = result.getFailureThrowable();
    if (!result.isDone()) {
      return "no answer within " + pushTime.toSeconds() + "s";
    }
    if (failure instanceof FailedExportException.HttpExportException http
        && http.failedWithResponse()) {
      return "HTTP " + http.getResponse().getStatusCode();
    }
    if (failure instanceof FailedExportException.GrpcExportException grpc
        && grpc.failedWithResponse()) {
      return "gRPC status " + grpc.getResponse().getStatusCode();
    }
    Throwable cause = failure != null && failure.getCause() != null ? failure.getCause() : failure;
    return cause == null ? "export failed" : cause.toString();
  }

  /** Pushes that did not reach the collector since the start. */
  public long failedPushes() {
    return failedPushes.get();
  }

  private static long nanos(Instant instant) {
    return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
  }

  /** Stops pushing; a push in flight is abandoned. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    exporter.shutdown();
  }
}
