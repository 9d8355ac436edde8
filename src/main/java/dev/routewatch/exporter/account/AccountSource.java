package dev.routewatch.exporter.account;

import dev.routewatch.exporter.openrouter.Credits;
import dev.routewatch.exporter.openrouter.KeyInfo;
import java.util.List;

/**
 * One of the account's sources, and the type of the figures its read gives: the {@code source}
 * label of the account families.
 *
 * @param <T> the figures a successful read gives
 */
public final class AccountSource<T> {

  /** {@code GET /key} with the API key. */
  public static final AccountSource<KeyInfo> KEY = new AccountSource<>("key", KeyInfo.class);

  /** {@code GET /credits} with the management key. */
  public static final AccountSource<Credits> CREDITS =
      new AccountSource<>("credits", Credits.class);

  /** {@code GET /activity} with the management key, summed for one day. */
  public static final AccountSource<ActivityDay> ACTIVITY =
      new AccountSource<>("activity", ActivityDay.class);

  /** Every source, in the order each interval reads them. */
  public static final List<AccountSource<?>> ALL = List.of(KEY, CREDITS, ACTIVITY);

  private final String label;
  private final Class<T> figures;

  private AccountSource(String label, Class<T> figures) {
    this.label = label;
    this.figures = figures;
  }

  /** The {@code source} label: {@code key}, {@code credits} or {@code activity}. */
  public String label() {
    return label;
  }

  /** The type of the figures, for reading them back where they were stored. */
  public Class<T> figures() {
    return figures;
  }

  @Override
  public String toString() {
    return label;
  }
}
