package dev.routewatch.exporter.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them: {@code 500ms}, {@code 90s}, {@code 1h30m}, units from
 * largest to smallest, each at most once, whole numbers only. Same grammar and bounds as
 * Prometheus' {@code model.ParseDuration}, so a value copied from a Prometheus config means the
 * same here. See https://prometheus.io/docs/prometheus/latest/configuration/configuration/.
 */
public final class Durations {

  private static final Map<String, Duration> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("y", Duration.ofDays(365));
    UNITS.put("w", Duration.ofDays(7));
    UNITS.put("d", Duration.ofDays(1));
    UNITS.put("h", Duration.ofHours(1));
    UNITS.put("m", Duration.ofMinutes(1));
    UNITS.put("s", Duration.ofSeconds(1));
    UNITS.put("ms", Duration.ofMillis(1));
  }

  private static final Pattern FORMAT =
      Pattern.compile(
          "(?:(?<y>\\d+)y)?(?:(?<w>\\d+)w)?(?:(?<d>\\d+)d)?(?:(?<h>\\d+)h)?"
              + "(?:(?<m>\\d+)m)?(?:(?<s>\\d+)s)?(?:(?<ms>\\d+)ms)?");

  /** Prometheus' bound (about 292 years): a parsed duration always fits {@code toNanos()}. */
  private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  private Durations() {}

  /**
   * Parses {@code text}; "0" is the one value allowed without a unit.
   *
   * @throws IllegalArgumentException with a message that does not repeat {@code text}
   */
  public static Duration parse(String text) {
    if ("0".equals(text)) {
      return Duration.ZERO;
    }
    Matcher matcher = FORMAT.matcher(text == null ? "" : text);
    // Every unit is optional, so the pattern alone would accept the empty string.
    if (text == null || text.isEmpty() || !matcher.matches()) {
      throw new IllegalArgumentException("not a duration (e.g. 30s, 5m, 1h)");
    }
    try {
      Duration total = Duration.ZERO;
      for (Map.Entry<String, Duration> unit : UNITS.entrySet()) {
        String digits = matcher.group(unit.getKey());
        if (digits != null) {
          total = total.plus(unit.getValue().multipliedBy(Long.parseLong(digits)));
        }
      }
      if (total.compareTo(MAX) <= 0) {
        return total;
      }
    } catch (NumberFormatException | ArithmeticException ignored) {
      // Too many digits for a long, or too long for a Duration: out of range as well.
    }
    throw new IllegalArgumentException("duration out of range");
  }

  /** The shortest Prometheus spelling of {@code duration}, to the millisecond: 90s is "1m30s". */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Duration> unit : UNITS.entrySet()) {
      long unitMillis = unit.getValue().toMillis();
      if (millis >= unitMillis) {
        text.append(millis / unitMillis).append(unit.getKey());
        millis %= unitMillis;
      }
    }
    return text.toString();
  }
}
