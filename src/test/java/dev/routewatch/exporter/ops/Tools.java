package dev.routewatch.exporter.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools that check the operations files (promtool, dockerfilelint) and the landing
 * page (chromium).
 */
public final class Tools {

  private Tools() {}

  /** Whether {@code tool} is on the PATH; CI installs every one, so there its absence fails. */
  public static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError(tool + " is missing; .ci/run installs it");
    }
    return false;
  }

  record Result(int exitCode, String output) {}

  /** Runs {@code command} in {@code dir} and returns its exit code and output. */
  static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " hung");
    }
    return new Result(process.exitValue(), output);
  }
}
