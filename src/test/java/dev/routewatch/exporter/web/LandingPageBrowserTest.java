package dev.routewatch.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.config.WebFlags;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.ops.Tools;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing page as a browser shows it: Debian's Chromium, headless, reads it from a running web
 * server, takes a screenshot and dumps the DOM it built. Skipped where no {@code chromium} is
 * installed, except in CI ({@code .ci/run} installs it).
 */
class LandingPageBrowserTest {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 800;

  @TempDir static Path dir;
  private static WebServer server;
  private static String url;

  @BeforeAll
  static void serve() throws Exception {
    assumeTrue(Tools.installed("chromium"), "chromium is not installed");
    SnapshotStore store = LandingPageTest.store();
    BuildInfo build = new BuildInfo("1.2.3", "abc123", "17");
    server =
        new WebServer(
            new InetSocketAddress("127.0.0.1", 0),
            WebFlags.DEFAULTS,
            new ExporterMetrics(store, Duration.ofMinutes(10), build, TimeSource.SYSTEM),
            store,
            new AccountStore(),
            Optional::empty,
            build,
            Optional.empty(),
            WebConfig.NONE,
            TimeSource.SYSTEM,
            LandingPageTest::withKeyAndGrafana);
    server.start();
    url = "http://127.0.0.1:" + server.address().getPort() + "/";
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theScreenshotIsThePageAtTheWindowSizeWithItsColouredStates() throws Exception {
    Path png = dir.resolve("landing.png");

    chromium("--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, url);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    int dark = 0;
    int red = 0;
    int green = 0;
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        dark += r + g + b < 200 ? 1 : 0;
        // #cf222e "last poll failed" and #1a7f37 "up", give or take anti-aliasing.
        red += r > 150 && g < 90 && b < 90 ? 1 : 0;
        green += g > 90 && r < 80 && b < 90 ? 1 : 0;
      }
    }
    assertThat(dark).as("pixels of black text").isGreaterThan(2_000);
    assertThat(red).as("pixels of the red 'last poll failed'").isGreaterThan(20);
    assertThat(green).as("pixels of the green 'up'").isGreaterThan(5);
  }

  @Test
  void theDomHasTheSummaryTheTableAndTheHostileErrorAsText() throws Exception {
    String dom = chromium("--dump-dom", url);

    assertThat(dom)
        .contains("<table id=\"models\">")
        .contains("<p id=\"summary\">1 of 3 models up; ")
        .contains("<th>API key set</th><td>yes</td>")
        .contains("bad_response: &lt;img src=x onerror=alert(1)&gt;")
        .contains("href=\"https://grafana.example.com/d/openrouter-exporter?var-model=")
        .doesNotContain("<img")
        .doesNotContain(LandingPageTest.KEY);
  }

  /** Runs headless Chromium on {@code args} with a profile of its own; returns its stdout. */
  private static String chromium(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "chromium",
            "--headless",
            // As root (in CI's container) Chromium refuses to start with its sandbox.
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
    command.addAll(List.of(args));
    File out = Files.createTempFile(dir, "chromium", ".out").toFile();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s");
    }
    assertThat(process.exitValue()).as("chromium's exit code").isZero();
    return Files.readString(out.toPath(), StandardCharsets.UTF_8);
  }
}
