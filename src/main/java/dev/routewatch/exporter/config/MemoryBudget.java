package dev.routewatch.exporter.config;

/**
 * How much of the heap the answers being read may take at once: a third of the largest heap the JVM
 * may use. The rest holds every model's last answer, the rendered scrapes and the JVM's own needs.
 * An answer is parsed as it arrives, so what it costs is about its size in bytes: at most {@code
 * openrouter.max_response_bytes} each, {@code openrouter.max_concurrent_requests} at once.
 *
 * @param heapBytes the largest heap the JVM may use ({@link Runtime#maxMemory()})
 */
public record MemoryBudget(long heapBytes) {

  /** The heap of the running JVM: its {@code -Xmx}, or its share of the container's memory. */
  public static MemoryBudget ofThisJvm() {
    return new MemoryBudget(Runtime.getRuntime().maxMemory());
  }

  /** The bytes that the answers being read may take together. */
  public long answerBytes() {
    return heapBytes / 3;
  }

  /** Whether {@code concurrent} answers of {@code maxBytes} each fit in {@link #answerBytes()}. */
  boolean fits(int maxBytes, int concurrent) {
    return (long) maxBytes * concurrent <= answerBytes();
  }

  /** A size in whole MiB, rounded down, as the messages and the summary show it. */
  static String mebibytes(long bytes) {
    return (bytes / (1024 * 1024)) + " MiB";
  }
}
