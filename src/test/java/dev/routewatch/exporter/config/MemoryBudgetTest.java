package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryBudgetTest {

  private static final long MIB = 1024 * 1024;
  private static final Map<String, String> NO_ENV = Map.of();

  /** What Runtime.maxMemory() reports for -Xmx128m with the serial collector: one survivor less. */
  private static final MemoryBudget SERIAL_128M = new MemoryBudget(129_761_280);

  @TempDir Path dir;

  private Path config(String openrouter) throws Exception {
    return Files.writeString(
        dir.resolve("exporter.yml"), "openrouter:\n" + openrouter + "models: [a/b]\n");
  }

  @Test
  void answersInFlightMayTakeAThirdOfTheHeap() {
    assertThat(new MemoryBudget(300 * MIB).answerBytes()).isEqualTo(100 * MIB);
  }

  @Test
  void theDefaultsFitTheHeapOfA128MibJvm() throws Exception {
    ExporterConfig config = ConfigLoader.load(config("  timeout: 10s\n"), NO_ENV, SERIAL_128M);

    assertThat(config.openrouter().maxResponseBytes()).isEqualTo(8 * MIB);
    assertThat(config.openrouter().maxConcurrentRequests()).isEqualTo(4);
  }

  @Test
  void answersThatCannotFitTogetherAreRefusedNamingBothKeysAndTheWayOut() throws Exception {
    Path file = config("  max_response_bytes: 268435456\n");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(file, NO_ENV, SERIAL_128M))
        .withMessage(
            file
                + ": openrouter.max_response_bytes: answers this large,"
                + " openrouter.max_concurrent_requests at once, need more than the 41 MiB they may"
                + " take (a third of the 123 MiB heap): lower either, or give the JVM a larger heap"
                + " (-Xmx, or a larger container memory limit with -XX:MaxRAMPercentage)");
  }

  @Test
  void theDefaultsAreRefusedUnderA64MibHeapAndFitOnceTheCapIsLowered() throws Exception {
    MemoryBudget heap64 = new MemoryBudget(64 * MIB);

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(config("  timeout: 10s\n"), NO_ENV, heap64))
        .withMessageContaining("more than the 21 MiB they may take (a third of the 64 MiB heap)");
    assertThat(
            ConfigLoader.load(config("  max_response_bytes: 4194304\n"), NO_ENV, heap64)
                .openrouter()
                .maxResponseBytes())
        .isEqualTo(4 * MIB);
  }

  @Test
  void theProductCountsConcurrencyWithoutOverflowing() throws Exception {
    Path file = config("  max_response_bytes: 268435456\n  max_concurrent_requests: 64\n");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(file, NO_ENV, new MemoryBudget(24 * 1024 * MIB)))
        .withMessageContaining("openrouter.max_response_bytes: answers this large");
  }
}
