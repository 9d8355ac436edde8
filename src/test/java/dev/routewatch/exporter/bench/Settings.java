package dev.routewatch.exporter.bench;

import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.runner.options.TimeValue;

/** How much of everything a bench run does; {@link #SMOKE} only proves the tooling works. */
record Settings(
    List<Size> sizes,
    int warmupScrapes,
    int rounds,
    int scrapesPerRound,
    int throughputRounds,
    Duration throughputTime,
    int pollModels,
    Duration pollLatency,
    int startupModels,
    int launches,
    List<Size> jmhSizes,
    int jmhIterations,
    TimeValue jmhTime,
    boolean jmhIgnoreLock) {

  /** Models x endpoints per model. */
  record Size(int models, int endpoints) {
    @Override
    public String toString() {
      return Report.format("%,d x %d (%,d endpoints)", models, endpoints, models * endpoints);
    }

    /** As in file names and ScrapeBenchmark's size parameter: 400x5. */
    String file() {
      return models + "x" + endpoints;
    }
  }

  /** The issue's two sizes: all of OpenRouter today, and five times as many endpoints. */
  static final List<Size> ISSUE_SIZES = List.of(new Size(400, 5), new Size(1_000, 10));

  static final Settings FULL =
      new Settings(
          /* sizes */ ISSUE_SIZES,
          /* warmupScrapes */ 10,
          /* rounds */ 10,
          /* scrapesPerRound */ 5,
          /* throughputRounds */ 2,
          /* throughputTime */ Duration.ofSeconds(5),
          /* pollModels */ 400,
          /* pollLatency */ Duration.ofMillis(200),
          /* startupModels */ 50,
          /* launches */ 5,
          /* jmhSizes */ ISSUE_SIZES,
          /* jmhIterations */ 5,
          /* jmhTime */ TimeValue.seconds(2),
          /* jmhIgnoreLock */ false);

  static final Settings SMOKE =
      new Settings(
          /* sizes */ List.of(new Size(20, 5), new Size(50, 10)),
          /* warmupScrapes */ 2,
          /* rounds */ 2,
          /* scrapesPerRound */ 3,
          /* throughputRounds */ 1,
          /* throughputTime */ Duration.ofSeconds(1),
          /* pollModels */ 40,
          /* pollLatency */ Duration.ofMillis(50),
          /* startupModels */ 50,
          /* launches */ 2,
          /* jmhSizes */ List.of(new Size(20, 5)),
          /* jmhIterations */ 1,
          /* jmhTime */ TimeValue.milliseconds(200),
          // Its figures mean nothing, so another JMH run on the machine (CI, a colleague) must
          // not fail it.
          /* jmhIgnoreLock */ true);
}
