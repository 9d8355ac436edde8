package dev.routewatch.exporter.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.routewatch.exporter.account.AccountResults;
import dev.routewatch.exporter.account.AccountSource;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.account.SourceState;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The outcome of an account read this replica ran: written to the account table, and the row the
 * database returns applied here at once; {@link #refresh} applies the rows other replicas wrote.
 * Without the database the outcome goes into this replica's store only, so it serves what it saw.
 */
final class ClusterAccountResults implements AccountResults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AccountTable table;
  private final AccountStore store;
  private final DatabaseHealth health;
  private final AccountResults local;
  private final TimeSource time;

  // Guarded by this: the version of each source's row applied last.
  private final Map<String, Long> applied = new HashMap<>();

  ClusterAccountResults(
      AccountTable table, AccountStore store, DatabaseHealth health, TimeSource time) {
    this.table = table;
    this.store = store;
    this.health = health;
    this.local = AccountResults.into(store);
    this.time = time;
  }

  @Override
  public <T> void succeeded(AccountSource<T> source, T figures, Moment at) {
    try {
      apply(table.succeeded(source.label(), JSON.writeValueAsString(figures), at.wall()));
      health.succeeded();
    } catch (SQLException e) {
      health.failed(e);
      local.succeeded(source, figures, at);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the account's figures are always JSON", e);
    }
  }

  @Override
  public void failed(AccountSource<?> source, FailureReason reason, String error, Moment at) {
    try {
      apply(table.failed(source.label(), reason, error, at.wall()));
      health.succeeded();
    } catch (SQLException e) {
      health.failed(e);
      local.failed(source, reason, error, at);
    }
  }

  /** Applies every row another replica changed since the last refresh. */
  void refresh() throws SQLException {
    for (AccountTable.Row row : table.rows()) {
      apply(row);
    }
  }

  private synchronized void apply(AccountTable.Row row) throws SQLException {
    if (row.version() <= applied.getOrDefault(row.source(), 0L)) {
      return;
    }
    for (AccountSource<?> source : AccountSource.ALL) {
      if (source.label().equals(row.source())) {
        apply(source, row);
        applied.put(row.source(), row.version());
      }
    }
  }

  private <T> void apply(AccountSource<T> source, AccountTable.Row row) throws SQLException {
    T figures;
    try {
      figures = row.figures() == null ? null : JSON.readValue(row.figures(), source.figures());
    } catch (JsonProcessingException e) {
      throw new SQLException("exporter_account.figures is not what /" + source + " gives");
    }
    Moment now = time.now();
    SourceState<T> state =
        new SourceState<>(
            figures,
            row.lastSuccess() == null ? null : Moment.before(row.lastSuccess(), now),
            row.lastAttempt(),
            row.up(),
            row.lastFailure() == null ? null : reason(row.lastFailure()),
            row.lastError(),
            AppliedRows.byReason(row.errorCounts()));
    store.update(source, ignored -> state);
  }

  private static FailureReason reason(String label) {
    for (FailureReason reason : FailureReason.values()) {
      if (reason.label().equals(label)) {
        return reason;
      }
    }
    return FailureReason.HTTP_ERROR;
  }
}
