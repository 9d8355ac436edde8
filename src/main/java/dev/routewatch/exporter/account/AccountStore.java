package dev.routewatch.exporter.account;

import dev.routewatch.exporter.config.ExporterConfig;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The latest {@link SourceState} of every configured account source; readers take {@link
 * #current()} once and read that immutable state, as with the model snapshot.
 */
public final class AccountStore {

  private final AtomicReference<AccountState> current = new AtomicReference<>(AccountState.NONE);

  public AccountState current() {
    return current.get();
  }

  /**
   * Makes the sources {@code config} reads the configured ones: a kept source keeps its state, a
   * dropped one is gone with its series at the next scrape.
   */
  public void configure(ExporterConfig config) {
    current.updateAndGet(state -> state.configure(sources(config)));
  }

  /** Applies {@code change} to {@code source}'s state, unless it is no longer configured. */
  public <T> void update(AccountSource<T> source, UnaryOperator<SourceState<T>> change) {
    current.updateAndGet(
        state -> state.get(source).map(now -> state.with(source, change.apply(now))).orElse(state));
  }

  /**
   * The sources {@code config} reads: {@code /key} with an API key, {@code /credits} with a
   * management key, and {@code /activity} when asked for too.
   */
  public static Set<AccountSource<?>> sources(ExporterConfig config) {
    Set<AccountSource<?>> sources = new LinkedHashSet<>();
    if (config.openrouter().apiKey().isPresent()) {
      sources.add(AccountSource.KEY);
    }
    if (config.account().managementKey().isPresent()) {
      sources.add(AccountSource.CREDITS);
      if (config.account().activity()) {
        sources.add(AccountSource.ACTIVITY);
      }
    }
    return sources;
  }
}
