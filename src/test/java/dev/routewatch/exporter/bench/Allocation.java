package dev.routewatch.exporter.bench;

import static dev.routewatch.exporter.bench.Report.format;
import static dev.routewatch.exporter.bench.Report.mib;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Allocation per in-process scrape: {@link ScrapeBenchmark} under JMH's GC profiler (its
 * gc.alloc.rate.norm), forked on the bench's own classpath.
 */
final class Allocation {

  private static final double LIMIT_BYTES = 1024 * 1024;

  private Allocation() {}

  /** How long a full run waits for another JMH run on this machine to end. */
  private static final Duration LOCK_PATIENCE = Duration.ofMinutes(15);

  static void measure(Settings settings, Report report)
      throws RunnerException, InterruptedException {
    Options options =
        new OptionsBuilder()
            .include(ScrapeBenchmark.class.getName() + "\\.")
            .param(
                "size",
                settings.jmhSizes().stream().map(Settings.Size::file).toArray(String[]::new))
            .addProfiler(GCProfiler.class)
            .warmupIterations(settings.jmhIterations())
            .warmupTime(settings.jmhTime())
            .measurementIterations(settings.jmhIterations())
            .measurementTime(settings.jmhTime())
            .forks(1)
            .verbosity(VerboseMode.SILENT)
            .build();
    for (RunResult result : run(options, settings.jmhIgnoreLock())) {
      String benchmark = result.getParams().getBenchmark();
      double bytes = result.getSecondaryResults().get("gc.alloc.rate.norm").getScore();
      String what =
          format(
              "%s: allocation per in-process scrape, %s, %s path (JMH, %.1f ms/op)",
              result.getParams().getParam("size"),
              benchmark.substring(benchmark.lastIndexOf('.') + 1),
              result.getParams().getParam("path"),
              result.getPrimaryResult().getScore());
      // The rendered path is the one before the cache, measured for comparison only.
      if (result.getParams().getParam("path").equals("cached")) {
        report.limit(what, mib(bytes), "< 1 MiB", bytes < LIMIT_BYTES);
      } else {
        report.figure(what, mib(bytes));
      }
    }
  }

  /**
   * JMH holds a machine-wide lock (/tmp/jmh.lock) so that two runs do not spoil each other's
   * figures; a full run waits for it rather than failing at its last step.
   */
  private static Collection<RunResult> run(Options options, boolean ignoreLock)
      throws RunnerException, InterruptedException {
    if (ignoreLock) {
      System.setProperty("jmh.ignoreLock", "true");
    }
    long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
    while (true) {
      try {
        return new Runner(options).run();
      } catch (RunnerException e) {
        if (!String.valueOf(e.getMessage()).contains("JMH lock") || System.nanoTime() > deadline) {
          throw e;
        }
        System.err.println("bench: another JMH run holds /tmp/jmh.lock; waiting");
        TimeUnit.SECONDS.sleep(10);
      }
    }
  }
}
