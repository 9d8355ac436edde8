package dev.routewatch.exporter.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of every configured account source at one instant, immutable; a source that is not
 * configured is not in it.
 */
public final class AccountState {

  static final AccountState NONE = new AccountState(Map.of());

  private final Map<AccountSource<?>, SourceState<?>> sources;

  private AccountState(Map<AccountSource<?>, SourceState<?>> sources) {
    this.sources = sources;
  }

  /** The state of {@code source}; empty when it is not configured. */
  @SuppressWarnings("unchecked") // Every entry's state is of its source's type: see with().
  public <T> Optional<SourceState<T>> get(AccountSource<T> source) {
    return Optional.ofNullable((SourceState<T>) sources.get(source));
  }

  /** The configured sources, in {@link AccountSource#ALL}'s order. */
  public Set<AccountSource<?>> configured() {
    return sources.keySet();
  }

  /** This state with {@code source}'s replaced; a source that is not configured is left out. */
  <T> AccountState with(AccountSource<T> source, SourceState<T> state) {
    if (!sources.containsKey(source)) {
      return this;
    }
    Map<AccountSource<?>, SourceState<?>> next = new LinkedHashMap<>(sources);
    next.put(source, state);
    return new AccountState(next);
  }

  /** Just {@code configured}: kept sources keep their state, new ones start unread. */
  AccountState configure(Set<AccountSource<?>> configured) {
    Map<AccountSource<?>, SourceState<?>> next = new LinkedHashMap<>();
    for (AccountSource<?> source : AccountSource.ALL) {
      if (configured.contains(source)) {
        next.put(source, sources.getOrDefault(source, SourceState.unread()));
      }
    }
    return new AccountState(next);
  }
}
