package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The log lines about the upstream as a whole, for when no model can be polled (no network, DNS
 * down, a proxy in the way): the fault that names the host and the cause once, however many models
 * meet it, then while every model fails a summary every {@link #REPEAT}, and one line when a poll
 * succeeds again. Returns the lines rather than logging them, for {@link ModelPoller} to log.
 */
final class OutageLog {

  /** How often the summary repeats while every model fails: the log says it still does. */
  static final Duration REPEAT = Duration.ofMinutes(5);

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Failures that say nothing about the model, only that the upstream could not be reached. */
  private static final Set<FailureReason> UNREACHABLE =
      Set.of(FailureReason.IO_ERROR, FailureReason.TIMEOUT);

  private final SnapshotStore store;
  private final String upstream;

  // Guarded by this.
  private String reportedFault;
  private Moment allFailingSince;
  private Moment lastSummary;

  /**
   * @param upstream {@code openrouter.base_url}, which the summary names
   */
  OutageLog(SnapshotStore store, String upstream) {
    this.store = store;
    this.upstream = upstream;
  }

  /**
   * Whether a model's failure repeats the upstream fault another model's failure has logged since
   * the last success: the host and its cause are worth one line, not one per model.
   */
  synchronized boolean alreadyReported(FailureReason reason, String message) {
    if (!UNREACHABLE.contains(reason)) {
      return false;
    }
    if (message.equals(reportedFault)) {
      return true;
    }
    reportedFault = message;
    return false;
  }

  /** After a failure was recorded: the summary, when every model fails and it is due. */
  synchronized Optional<String> afterFailure(Moment now) {
    Collection<ModelState> states = store.current().states();
    boolean allFailing =
        !states.isEmpty() && states.stream().allMatch(state -> state.polledOnce() && !state.up());
    if (!allFailing) {
      return Optional.empty();
    }
    if (allFailingSince == null) {
      allFailingSince = now;
    } else if (lastSummary != null && lastSummary.until(now).compareTo(REPEAT) < 0) {
      return Optional.empty();
    }
    lastSummary = now;
    Set<String> reasons = new TreeSet<>();
    states.forEach(state -> reasons.add(state.lastFailure().label()));
    return Optional.of(
        states.size()
            + " of "
            + states.size()
            + " models failing since "
            + CLOCK.format(allFailingSince.wall())
            + ": "
            + String.join(", ", reasons)
            + ", upstream "
            + upstream);
  }

  /** After a success: the line that ends an outage, once. */
  synchronized Optional<String> afterSuccess(ModelId model) {
    reportedFault = null;
    if (allFailingSince == null) {
      return Optional.empty();
    }
    String since = CLOCK.format(allFailingSince.wall());
    allFailingSince = null;
    lastSummary = null;
    return Optional.of(
        "Poll of "
            + model
            + " succeeded: upstream "
            + upstream
            + " answers again after every"
            + " model failed since "
            + since);
  }
}
