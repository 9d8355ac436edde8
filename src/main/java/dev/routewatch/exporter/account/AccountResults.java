package dev.routewatch.exporter.account;

import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.Moment;

/**
 * Where {@link AccountReader} records the outcome of each read: this replica's store, or in a
 * cluster what every replica shares.
 */
public interface AccountResults {

  <T> void succeeded(AccountSource<T> source, T figures, Moment at);

  void failed(AccountSource<?> source, FailureReason reason, String error, Moment at);

  /** One replica: straight into its store. */
  static AccountResults into(AccountStore store) {
    return new AccountResults() {
      @Override
      public <T> void succeeded(AccountSource<T> source, T figures, Moment at) {
        store.update(source, state -> state.succeeded(figures, at));
      }

      @Override
      public void failed(AccountSource<?> source, FailureReason reason, String error, Moment at) {
        fail(source, reason, error, at);
      }

      private <T> void fail(
          AccountSource<T> source, FailureReason reason, String error, Moment at) {
        store.update(source, state -> state.failed(reason, error, at));
      }
    };
  }
}
