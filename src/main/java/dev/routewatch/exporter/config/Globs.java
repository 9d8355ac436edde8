package dev.routewatch.exporter.config;

import java.util.regex.Pattern;

/** Shell-style globs over whole names: {@code *} any run of characters, {@code ?} one. */
final class Globs {

  private Globs() {}

  static Pattern regex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
