package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.openrouter.FailureReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code exporter_account}: a row per account source, the outcome of the reads any replica ran: the
 * last good figures (as JSON), when, the latest outcome and the failed reads by reason. Whichever
 * replica's account job fires writes it; every replica shows it.
 */
final class AccountTable {

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS exporter_account (
        source       text        PRIMARY KEY,
        figures      jsonb,
        last_success timestamptz,
        last_attempt timestamptz NOT NULL,
        up           boolean     NOT NULL,
        last_failure text,
        last_error   text,
        error_counts jsonb       NOT NULL,
        version      bigint      NOT NULL
      )""";

  private static final String COLUMNS =
      "source, figures, last_success, last_attempt, up, last_failure, last_error, error_counts,"
          + " version";

  private static final String SUCCEEDED =
      """
      INSERT INTO exporter_account AS a
        (source, figures, last_success, last_attempt, up, error_counts, version)
      VALUES (?, ?::jsonb, ?, ?, true, '{}', 1)
      ON CONFLICT (source) DO UPDATE SET
        figures = EXCLUDED.figures, last_success = EXCLUDED.last_success,
        last_attempt = EXCLUDED.last_attempt, up = true, version = a.version + 1
      RETURNING\s"""
          + COLUMNS;

  private static final String FAILED =
      """
      INSERT INTO exporter_account AS a
        (source, last_attempt, up, last_failure, last_error, error_counts, version)
      VALUES (?, ?, false, ?, ?, jsonb_build_object(?::text, 1), 1)
      ON CONFLICT (source) DO UPDATE SET
        last_attempt = EXCLUDED.last_attempt, up = false,
        last_failure = EXCLUDED.last_failure, last_error = EXCLUDED.last_error,
        error_counts = a.error_counts || jsonb_build_object(?::text,
          COALESCE((a.error_counts ->> ?)::bigint, 0) + 1),
        version = a.version + 1
      RETURNING\s"""
          + COLUMNS;

  /**
   * One source's row.
   *
   * @param figures the last good figures as JSON; null before the first success
   * @param errorCounts failed reads by reason label, only the reasons that occurred
   */
  record Row(
      String source,
      String figures,
      Instant lastSuccess,
      Instant lastAttempt,
      boolean up,
      String lastFailure,
      String lastError,
      Map<String, Long> errorCounts,
      long version) {}

  private final DataSource database;

  AccountTable(DataSource database) {
    this.database = database;
  }

  Row succeeded(String source, String figures, Instant at) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(SUCCEEDED)) {
      statement.setString(1, source);
      statement.setString(2, figures);
      statement.setObject(3, at.atOffset(ZoneOffset.UTC));
      statement.setObject(4, at.atOffset(ZoneOffset.UTC));
      return single(statement);
    }
  }

  Row failed(String source, FailureReason reason, String error, Instant at) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(FAILED)) {
      statement.setString(1, source);
      statement.setObject(2, at.atOffset(ZoneOffset.UTC));
      statement.setString(3, reason.label());
      statement.setString(4, error);
      for (int i = 5; i <= 7; i++) {
        statement.setString(i, reason.label());
      }
      return single(statement);
    }
  }

  /** Every source's row; a few rows, read each refresh. */
  List<Row> rows() throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT " + COLUMNS + " FROM exporter_account");
        ResultSet rows = statement.executeQuery()) {
      List<Row> all = new ArrayList<>();
      while (rows.next()) {
        all.add(row(rows));
      }
      return all;
    }
  }

  private static Row single(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return row(rows);
    }
  }

  private static Row row(ResultSet rows) throws SQLException {
    return new Row(
        rows.getString("source"),
        rows.getString("figures"),
        instant(rows.getObject("last_success", OffsetDateTime.class)),
        instant(rows.getObject("last_attempt", OffsetDateTime.class)),
        rows.getBoolean("up"),
        rows.getString("last_failure"),
        rows.getString("last_error"),
        StateTable.counts(rows.getString("error_counts")),
        rows.getLong("version"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
