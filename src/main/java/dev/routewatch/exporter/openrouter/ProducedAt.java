package dev.routewatch.exporter.openrouter;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * When OpenRouter produced an answer, which can be minutes before it arrived: OpenRouter answers
 * through a CDN that caches the endpoints API ({@code cache-control: s-maxage=300,
 * stale-while-revalidate=600}). The answer's {@code Date} (RFC 9110 section 6.6.1) minus its {@code
 * Age}, the seconds a cache has held it (RFC 9111 section 5.1).
 */
final class ProducedAt {

  private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");

  private ProducedAt() {}

  /**
   * {@code Date} minus {@code Age}; {@code Date} alone when {@code Age} is absent or unreadable;
   * null when {@code Date} is.
   */
  static Instant of(Headers headers) {
    Date date = headers.getDate("Date");
    if (date == null) {
      return null;
    }
    Instant at = date.toInstant();
    String age = headers.get("Age");
    if (age == null || !DELTA_SECONDS.matcher(age.strip()).matches()) {
      return at;
    }
    try {
      return at.minusSeconds(Long.parseLong(age.strip()));
    } catch (NumberFormatException | ArithmeticException | DateTimeException beyondRange) {
      // An age beyond what an Instant can go back: the Date is all that is known.
      return at;
    }
  }
}
