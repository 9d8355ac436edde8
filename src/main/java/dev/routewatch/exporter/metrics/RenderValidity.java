package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.Endpoint;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Until when a rendering holds: while the monotonic clock has not passed {@code staleAt}, and the
 * wall clock is still in {@code minute} (which, unlike "until the next minute", also catches the
 * wall clock stepping back).
 *
 * @param staleAt when an answer shown turns stale; null for never
 * @param minute the wall clock's minute that prices in effect were worked out for; null when none
 *     depend on it
 */
record RenderValidity(Moment staleAt, Instant minute) {

  static final RenderValidity ALWAYS = new RenderValidity(null, null);

  /**
   * How long a model's rendering holds: its answer turns stale {@code stale_after} after its last
   * success, and prices with a time window may change at every minute.
   */
  static RenderValidity of(ModelState state, SnapshotCollector.Settings settings, Moment now) {
    ModelEndpoints answer = state.lastGoodAnswer();
    if (answer == null || !state.answerFresh(now, settings.staleAfter())) {
      return ALWAYS;
    }
    Instant minute = hasTimeWindows(answer) ? now.wall().truncatedTo(ChronoUnit.MINUTES) : null;
    return new RenderValidity(state.staleAt(settings.staleAfter()), minute);
  }

  boolean holds(Moment now) {
    return (staleAt == null || !staleAt.isBefore(now))
        && (minute == null || minute.equals(now.wall().truncatedTo(ChronoUnit.MINUTES)));
  }

  /** What holds only while both {@code this} and {@code other} hold. */
  RenderValidity and(RenderValidity other) {
    Moment earlier =
        staleAt == null || (other.staleAt != null && other.staleAt.isBefore(staleAt))
            ? other.staleAt
            : staleAt;
    return new RenderValidity(earlier, minute != null ? minute : other.minute);
  }

  private static boolean hasTimeWindows(ModelEndpoints answer) {
    for (Endpoint endpoint : answer.endpoints()) {
      if (endpoint.pricing() != null && !endpoint.pricing().overrides().windows().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
