package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TextFileTest {

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void aPipeNobodyWritesToIsGivenUpAfterTheTimeLimitWithOneReaderForAllAttempts() throws Exception {
    Path pipe = dir.resolve("config.yml");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatExceptionOfType(ConfigException.class)
          .isThrownBy(
              () ->
                  TextFile.read(
                      pipe, problem -> ConfigException.in(pipe, problem), Duration.ofMillis(200)))
          .withMessage(
              pipe + ": not read within 200ms (a pipe nobody writes to, or a hung mount?)");
    }
    assertThat(readers()).as("the stuck read is shared, not repeated").isEqualTo(1);

    // A writer at last: the stuck read ends and leaves no thread behind.
    try (OutputStream writer = Files.newOutputStream(pipe)) {
      writer.write("models: [a/b]\n".getBytes());
    }
    while (readers() > 0) {
      Thread.sleep(10);
    }
  }

  @Test
  @Timeout(60)
  void aFileLargerThanTheCapIsRefusedAfterReadingOneByteMore() throws Exception {
    Path file = Files.write(dir.resolve("big.yml"), new byte[TextFile.MAX_BYTES + 1]);

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> TextFile.read(file, problem -> ConfigException.in(file, problem)))
        .withMessage(file + ": larger than 1 MiB, the most read from a configuration file");
  }

  private static long readers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("file-reader") && thread.isAlive())
        .count();
  }
}
