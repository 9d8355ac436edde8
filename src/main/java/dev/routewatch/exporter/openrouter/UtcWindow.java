package dev.routewatch.exporter.openrouter;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Optional;

/**
 * A daily UTC time window of a {@code pricing.overrides} entry: OpenRouter's {@code utc_start}
 * (inclusive) and {@code utc_end} (exclusive), HHMM clock numbers ({@code 1030} = 10:30). The
 * window is half-open and wraps past midnight when the start is after the end ({@code 1630} to
 * {@code 30} is 16:30 to 00:30).
 *
 * @param start minute of the day the window opens, 0..1439
 * @param end minute of the day it closes, 0..1439, never {@code start}
 */
public record UtcWindow(int start, int end) {

  private static final int MINUTES_PER_DAY = 24 * 60;

  public UtcWindow {
    if (start < 0 || start >= MINUTES_PER_DAY || end < 0 || end >= MINUTES_PER_DAY) {
      throw new IllegalArgumentException("minutes of the day must be 0..1439");
    }
    if (start == end) {
      throw new IllegalArgumentException("an empty window");
    }
  }

  /**
   * The window from two HHMM clock numbers, or empty when either is not a time of day (not whole,
   * negative, past 2359, minutes past 59) or both are the same: such an entry says nothing usable.
   */
  static Optional<UtcWindow> of(BigDecimal utcStart, BigDecimal utcEnd) {
    Optional<Integer> start = minuteOfDay(utcStart);
    Optional<Integer> end = minuteOfDay(utcEnd);
    if (start.isEmpty() || end.isEmpty() || start.get().equals(end.get())) {
      return Optional.empty();
    }
    return Optional.of(new UtcWindow(start.get(), end.get()));
  }

  /** Whether {@code utc} (a time of day in UTC) falls inside the window. */
  public boolean contains(LocalTime utc) {
    int minute = utc.getHour() * 60 + utc.getMinute();
    return start < end ? start <= minute && minute < end : minute >= start || minute < end;
  }

  private static Optional<Integer> minuteOfDay(BigDecimal hhmm) {
    if (hhmm == null || hhmm.signum() < 0 || hhmm.stripTrailingZeros().scale() > 0) {
      return Optional.empty();
    }
    if (hhmm.compareTo(BigDecimal.valueOf(2359)) > 0) {
      return Optional.empty();
    }
    int value = hhmm.intValueExact();
    int hours = value / 100;
    int minutes = value % 100;
    return minutes < 60 ? Optional.of(hours * 60 + minutes) : Optional.empty();
  }
}
