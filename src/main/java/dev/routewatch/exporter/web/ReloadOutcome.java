package dev.routewatch.exporter.web;

/** What a {@code POST /-/reload} came to. */
public sealed interface ReloadOutcome {

  /** The new configuration runs. */
  record Applied() implements ReloadOutcome {}

  /** The old configuration stays; {@code problem} names the file and key, never a value. */
  record Failed(String problem) implements ReloadOutcome {}

  /** Another reload was running, so none was started. */
  record Busy() implements ReloadOutcome {}
}
