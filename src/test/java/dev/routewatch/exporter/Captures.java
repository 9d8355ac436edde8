package dev.routewatch.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * OpenRouter answers the tests serve and parse: real captures from
 * src/test/resources/openrouter/real and payloads written for the tests from .../synthetic (each
 * marked as such in its SOURCES.md), found by file name in that order.
 */
public final class Captures {

  private static final String[] FOLDERS = {"/openrouter/real/", "/openrouter/synthetic/"};

  private Captures() {}

  /** The capture's bytes, as OpenRouter sent them. */
  public static byte[] bytes(String file) {
    for (String folder : FOLDERS) {
      try (InputStream in = Captures.class.getResourceAsStream(folder + file)) {
        if (in != null) {
          return in.readAllBytes();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalArgumentException(
        "no capture " + file + " under src/test/resources/openrouter");
  }

  /** The capture as text (OpenRouter answers in UTF-8). */
  public static String read(String file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }
}
