package dev.routewatch.exporter.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads the configuration file and the files it names (API key, password, certificates), at most
 * {@link #MAX_BYTES} of each and within {@link #TIME_LIMIT}. Why a read failed is put in a few
 * words of our own: the IOException's message repeats the path, which for the key file is a
 * configured value.
 */
final class TextFile {

  /**
   * Far above any configuration this exporter can use (10,000 model ids take about 400 KiB), and
   * low enough that {@code /dev/zero} or a log file given by mistake is refused at once rather than
   * filling the heap, and that SnakeYAML, whose time grows with the square of a scalar's length,
   * parses the longest scalar that fits within seconds rather than minutes.
   */
  static final int MAX_BYTES = 1 << 20;

  /**
   * How long a read may take. A named pipe nobody writes to, or a hung network mount, blocks a read
   * with no end; start-up and reloads give up after this instead.
   */
  static final Duration TIME_LIMIT = Duration.ofSeconds(10);

  /**
   * Reads in flight, by file. A read that hangs cannot be interrupted (a pipe blocks in open), so
   * the next attempt at the same file waits on the same read rather than leaving one more thread
   * behind.
   */
  private static final ConcurrentMap<Path, CompletableFuture<byte[]>> READING =
      new ConcurrentHashMap<>();

  private TextFile() {}

  static <E extends Exception> String read(Path path, Function<String, E> failure) throws E {
    return read(path, failure, TIME_LIMIT);
  }

  /** For testing only: {@link #read(Path, Function)} with another time limit. */
  static <E extends Exception> String read(Path path, Function<String, E> failure, Duration limit)
      throws E {
    byte[] bytes = bytes(path, failure, limit);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw failure.apply("not UTF-8 text");
    }
  }

  private static <E extends Exception> byte[] bytes(
      Path path, Function<String, E> failure, Duration limit) throws E {
    try {
      return reading(path).get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw failure.apply(
          "not read within "
              + Durations.format(limit)
              + " (a pipe nobody writes to, or a hung mount?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure.apply("reading was interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TooLargeException) {
        throw failure.apply(
            "larger than " + (MAX_BYTES >> 20) + " MiB, the most read from a configuration file");
      }
      if (e.getCause() instanceof NoSuchFileException) {
        throw failure.apply("no such file");
      }
      if (e.getCause() instanceof AccessDeniedException) {
        throw failure.apply("permission denied");
      }
      throw failure.apply("cannot read the file");
    }
  }

  /** The read of {@code path} in flight, or a new one on a thread of its own. */
  private static CompletableFuture<byte[]> reading(Path path) {
    CompletableFuture<byte[]> read = new CompletableFuture<>();
    CompletableFuture<byte[]> earlier = READING.putIfAbsent(path, read);
    if (earlier != null) {
      return earlier;
    }
    Thread reader =
        new Thread(
            () -> {
              byte[] bytes = null;
              Exception failure = null;
              try {
                bytes = readAtMostMaxBytes(path);
              } catch (IOException | RuntimeException e) {
                failure = e;
              }
              // Out of the map before anyone hears of it: a read asked for after this one ended
              // must read the file again, not be handed these bytes.
              READING.remove(path, read);
              if (failure == null) {
                read.complete(bytes);
              } else {
                read.completeExceptionally(failure);
              }
            },
            "file-reader");
    // A read stuck for good must not keep the process from exiting.
    reader.setDaemon(true);
    reader.start();
    return read;
  }

  private static byte[] readAtMostMaxBytes(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new TooLargeException();
      }
      return bytes;
    }
  }

  private static final class TooLargeException extends IOException {}
}
