package dev.routewatch.exporter.bench;

import static dev.routewatch.exporter.bench.Report.format;
import static dev.routewatch.exporter.bench.Report.mib;
import static dev.routewatch.exporter.bench.Report.millis;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The performance targets (docs/performance.md), each measured side by side in one run and printed
 * as one markdown table: scrape latency and throughput against {@link StaticServer}, a poll round
 * against its ideal length, RSS, start-up, and allocation per scrape (JMH). Run by bench/run.sh:
 *
 * <pre>Bench [--smoke] --jar JAR --work DIR -- JVM_FLAG...</pre>
 *
 * The exporter is a black box: the packaged jar, launched with the JVM flags given (run.sh takes
 * them from the Dockerfile's ENTRYPOINT), configured by a generated file, measured over HTTP and
 * /proc.
 */
public final class Bench {

  /** As the issue has it: Prometheus servers scraping at once. */
  private static final int SCRAPERS = 8;

  /** The configuration's max_concurrent_requests. */
  private static final int CONCURRENCY = 8;

  private static final Duration PATIENCE = Duration.ofMinutes(2);

  /**
   * One poll round only: every model is polled at start, the next round is an hour away. The
   * request budget is the validator's largest, so it never limits a round.
   */
  private static final String CONFIG =
      """
      # Written by bench/run.sh.
      openrouter:
        base_url: %s
        max_concurrent_requests: %d
        max_requests_per_minute: 100000
      poll:
        interval: 1h
      web:
        listen_address: 127.0.0.1:%d
      models: [%s]
      """;

  private final Settings settings;
  private final Path jar;
  private final List<String> jvmFlags;
  private final Path work;
  private final LoadGenerator load = new LoadGenerator();
  private final Report report = new Report();

  private Bench(Settings settings, Path jar, List<String> jvmFlags, Path work) {
    this.settings = settings;
    this.jar = jar;
    this.jvmFlags = jvmFlags;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    List<String> list = Arrays.asList(args);
    int flags = list.indexOf("--");
    Path jar = Path.of(list.get(list.indexOf("--jar") + 1));
    Path work = Files.createDirectories(Path.of(list.get(list.indexOf("--work") + 1)));
    boolean smoke = list.subList(0, flags).contains("--smoke");
    Bench bench =
        new Bench(
            smoke ? Settings.SMOKE : Settings.FULL,
            jar,
            list.subList(flags + 1, list.size()),
            work);
    System.out.println(bench.run(smoke));
  }

  private String run(boolean smoke) throws Exception {
    report.header(format("Mode: %s", smoke ? "smoke (tiny sizes; figures mean nothing)" : "full"));
    report.header(format("Cores: %d", Runtime.getRuntime().availableProcessors()));
    report.header(
        format(
            "Java: %s %s",
            System.getProperty("java.vm.name"), System.getProperty("java.runtime.version")));
    report.header("Exporter JVM flags (Dockerfile ENTRYPOINT): " + String.join(" ", jvmFlags));
    report.header("Memory the JVM sizes its heap from: " + memory());
    for (int i = 0; i < settings.sizes().size(); i++) {
      scrapes(settings.sizes().get(i), i == 0);
    }
    pollRound();
    startUp();
    progress("JMH ScrapeBenchmark -prof gc");
    Allocation.measure(settings, report);
    return report.markdown();
  }

  /** Latency and throughput of /metrics against the static server, and RSS, at one size. */
  private void scrapes(Settings.Size size, boolean first) throws Exception {
    progress("scrapes at " + size);
    List<String> models = UpstreamAnswers.modelIds(size.models());
    int port = BenchProcess.freePort();
    try (FakeUpstream upstream = new FakeUpstream(models, size.endpoints(), Duration.ZERO);
        BenchProcess exporter = exporter(upstream, models, port, "exporter-" + size.file())) {
      exporter.awaitOk(load.client(), uri(port, "/-/ready"), PATIENCE);
      URI metrics = uri(port, "/metrics");
      for (Format format : Format.ALL) {
        load.latencies(metrics, format, settings.warmupScrapes());
      }
      long rssKiB = exporter.rssKiB();
      Path captured = Files.createDirectories(work.resolve("captured-" + size.file()));
      List<String> sizes = new ArrayList<>();
      for (Format format : Format.ALL) {
        byte[] body = load.capture(metrics, format);
        Files.write(captured.resolve(format.name()), body);
        sizes.add(mib(body.length));
      }
      report.figure(
          size + ": bytes per scrape, text / OpenMetrics / gzip", String.join(" / ", sizes));
      int staticPort = BenchProcess.freePort();
      try (BenchProcess server = staticServer(captured, staticPort, size)) {
        URI reference = uri(staticPort, "/metrics");
        server.awaitOk(load.client(), reference, PATIENCE);
        for (Format format : Format.ALL) {
          latency(size, format, metrics, reference);
        }
        throughput(size, metrics, reference);
      }
      String rss = format("%,d MiB", rssKiB / 1024);
      if (first) {
        report.limit(size + ": RSS after warm-up", rss, "< 160 MiB", rssKiB < 160 * 1024);
      } else {
        report.figure(size + ": RSS after warm-up", rss);
      }
      report.figure(
          size + ": RSS after the load above", format("%,d MiB", exporter.rssKiB() / 1024));
    }
  }

  /** Median latency, one scraper, exporter and static server taking turns round by round. */
  private void latency(Settings.Size size, Format format, URI exporter, URI reference)
      throws Exception {
    load.latencies(exporter, format, settings.warmupScrapes());
    load.latencies(reference, format, settings.warmupScrapes());
    List<Long> exporterNanos = new ArrayList<>();
    List<Long> referenceNanos = new ArrayList<>();
    for (int i = 0; i < settings.rounds(); i++) {
      exporterNanos.addAll(load.latencies(exporter, format, settings.scrapesPerRound()));
      referenceNanos.addAll(load.latencies(reference, format, settings.scrapesPerRound()));
    }
    double ratio = percentile(exporterNanos, 50) / percentile(referenceNanos, 50);
    report.compare(
        size + ": median /metrics latency, " + format.name(),
        spread(exporterNanos),
        spread(referenceNanos),
        ratio,
        "<= 2x static",
        ratio <= 2);
  }

  private static String spread(List<Long> nanos) {
    return millis(percentile(nanos, 50)) + " (p90 " + millis(percentile(nanos, 90)) + ")";
  }

  /** Scrapes per second with {@link #SCRAPERS} at once, taking turns as {@link #latency} does. */
  private void throughput(Settings.Size size, URI exporter, URI reference)
      throws InterruptedException {
    double exporterRate = 0;
    double referenceRate = 0;
    for (int i = 0; i < settings.throughputRounds(); i++) {
      exporterRate += load.throughput(exporter, Format.GZIP, SCRAPERS, settings.throughputTime());
      referenceRate += load.throughput(reference, Format.GZIP, SCRAPERS, settings.throughputTime());
    }
    double ratio = exporterRate / referenceRate;
    report.compare(
        size + ": throughput, " + SCRAPERS + " scrapers, gzip",
        format("%.1f/s", exporterRate / settings.throughputRounds()),
        format("%.1f/s", referenceRate / settings.throughputRounds()),
        ratio,
        ">= 0.5x static",
        ratio >= 0.5);
  }

  /**
   * The first poll round as the upstream saw it (first request in to last answer out) against
   * models x latency / concurrency, and the exporter's CPU time from the first request until it is
   * ready.
   */
  private void pollRound() throws Exception {
    int count = settings.pollModels();
    Duration latency = settings.pollLatency();
    progress(format("poll round, %d models, %d ms", count, latency.toMillis()));
    List<String> models = UpstreamAnswers.modelIds(count);
    int port = BenchProcess.freePort();
    try (FakeUpstream upstream = new FakeUpstream(models, 5, latency);
        BenchProcess exporter = exporter(upstream, models, port, "poll-round")) {
      await(() -> upstream.arrived() > 0, exporter);
      double cpuBefore = exporter.cpuSeconds();
      await(() -> upstream.requests().size() >= count, exporter);
      exporter.awaitOk(load.client(), uri(port, "/-/ready"), PATIENCE);
      double cpu = exporter.cpuSeconds() - cpuBefore;
      List<FakeUpstream.Request> requests = upstream.requests();
      long first = requests.stream().mapToLong(FakeUpstream.Request::arrivedNanos).min().orElse(0);
      long last = requests.stream().mapToLong(FakeUpstream.Request::answeredNanos).max().orElse(0);
      double seconds = (last - first) / 1e9;
      double ideal = count * latency.toNanos() / 1e9 / CONCURRENCY;
      String what =
          format(
              "Poll round: %d models, upstream %d ms, %d at once",
              count, latency.toMillis(), CONCURRENCY);
      report.compare(
          what,
          format("%.2f s", seconds),
          format("ideal %.2f s", ideal),
          seconds / ideal,
          "<= 1.15x ideal",
          seconds / ideal <= 1.15);
      report.figure(
          "Poll round: exporter CPU, first request to ready",
          format("%.2f s (%.0f%% of one core)", cpu, 100 * cpu / seconds));
    }
  }

  /** Launch to the first 200 on /-/ready, median of several launches. */
  private void startUp() throws Exception {
    int count = settings.startupModels();
    progress(format("start-up, %d launches", settings.launches()));
    List<String> models = UpstreamAnswers.modelIds(count);
    List<Long> nanos = new ArrayList<>();
    try (FakeUpstream upstream = new FakeUpstream(models, 5, Duration.ZERO)) {
      for (int i = 0; i < settings.launches(); i++) {
        int port = BenchProcess.freePort();
        long launched = System.nanoTime();
        try (BenchProcess exporter = exporter(upstream, models, port, "start-up-" + i)) {
          nanos.add(exporter.awaitOk(load.client(), uri(port, "/-/ready"), PATIENCE) - launched);
        }
      }
    }
    double median = percentile(nanos, 50);
    report.limit(
        format("Start-up to /-/ready, %d models (median of %d)", count, nanos.size()),
        format("%.2f s", median / 1e9),
        "< 1.5 s",
        median < 1.5e9);
  }

  private BenchProcess exporter(FakeUpstream upstream, List<String> models, int port, String name)
      throws IOException {
    Path config = work.resolve(name + ".yml");
    Files.writeString(
        config, format(CONFIG, upstream.baseUrl(), CONCURRENCY, port, String.join(", ", models)));
    List<String> command = new ArrayList<>();
    command.add(BenchProcess.java());
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString(), "--config.file=" + config));
    return BenchProcess.start(command, work.resolve(name + ".log"));
  }

  /** The static server in a JVM of its own, with the exporter's flags: a like-for-like process. */
  private BenchProcess staticServer(Path captured, int port, Settings.Size size)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BenchProcess.java());
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            StaticServer.class.getName(),
            Integer.toString(port),
            captured.toString()));
    return BenchProcess.start(command, work.resolve("static-" + size.file() + ".log"));
  }

  /**
   * MaxRAMPercentage takes a share of the container's limit, else of the host's RAM: RSS depends on
   * which, so the table says.
   */
  private static String memory() throws IOException {
    Path limit = Path.of("/sys/fs/cgroup/memory.max");
    String cgroup = Files.isReadable(limit) ? Files.readString(limit).strip() : "none";
    String total =
        Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(line -> line.startsWith("MemTotal:"))
            .findFirst()
            .orElse("MemTotal: unknown");
    return total.replaceAll("\\s+", " ") + "; cgroup memory.max: " + cgroup;
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static void await(BooleanSupplier condition, BenchProcess process)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.alive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + process);
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Long> values, int percent) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static final long STARTED = System.nanoTime();

  private static void progress(String step) {
    System.err.println(
        format("bench: %4d s %s", (System.nanoTime() - STARTED) / 1_000_000_000, step));
  }
}
