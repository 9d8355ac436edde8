package dev.routewatch.exporter.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.routewatch.exporter.openrouter.FailureReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code exporter_catalog}: one row, the outcome of the discoveries any replica ran: the last
 * catalog read, when, and the failed reads by reason. Whichever replica's discovery fires writes
 * it; every replica adopts the catalog, so they all poll and show the same models.
 */
final class CatalogTable {

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS exporter_catalog (
        id           boolean     PRIMARY KEY DEFAULT true CHECK (id),
        model_ids    jsonb       NOT NULL,
        last_success timestamptz,
        error_counts jsonb       NOT NULL,
        version      bigint      NOT NULL
      )""";

  private static final String COLUMNS = "model_ids, last_success, error_counts, version";

  private static final String SUCCEEDED =
      """
      INSERT INTO exporter_catalog AS c (model_ids, last_success, error_counts, version)
      VALUES (?::jsonb, ?, '{}', 1)
      ON CONFLICT (id) DO UPDATE SET
        model_ids = EXCLUDED.model_ids, last_success = EXCLUDED.last_success,
        version = c.version + 1
      RETURNING\s"""
          + COLUMNS;

  private static final String FAILED =
      """
      INSERT INTO exporter_catalog AS c (model_ids, error_counts, version)
      VALUES ('[]', jsonb_build_object(?::text, 1), 1)
      ON CONFLICT (id) DO UPDATE SET
        error_counts = c.error_counts || jsonb_build_object(?::text,
          COALESCE((c.error_counts ->> ?)::bigint, 0) + 1),
        version = c.version + 1
      RETURNING\s"""
          + COLUMNS;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The row.
   *
   * @param modelIds the last catalog read; empty before the first success
   * @param lastSuccess when it was read; null before
   * @param errorCounts failed reads by reason label, only the reasons that occurred
   */
  record Row(
      List<String> modelIds, Instant lastSuccess, Map<String, Long> errorCounts, long version) {}

  private final DataSource database;

  CatalogTable(DataSource database) {
    this.database = database;
  }

  Row succeeded(List<String> modelIds, Instant at) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(SUCCEEDED)) {
      statement.setString(1, JSON.writeValueAsString(modelIds));
      statement.setObject(2, at.atOffset(ZoneOffset.UTC));
      return single(statement);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  Row failed(FailureReason reason) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(FAILED)) {
      for (int i = 1; i <= 3; i++) {
        statement.setString(i, reason.label());
      }
      return single(statement);
    }
  }

  /** The row's version, a few bytes, read every refresh; empty before the first discovery. */
  Optional<Long> version() throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT version FROM exporter_catalog");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
    }
  }

  Optional<Row> read() throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT " + COLUMNS + " FROM exporter_catalog");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(row(rows)) : Optional.empty();
    }
  }

  private static Row single(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return row(rows);
    }
  }

  private static Row row(ResultSet rows) throws SQLException {
    OffsetDateTime lastSuccess = rows.getObject("last_success", OffsetDateTime.class);
    try {
      return new Row(
          JSON.readValue(rows.getString("model_ids"), new TypeReference<List<String>>() {}),
          lastSuccess == null ? null : lastSuccess.toInstant(),
          StateTable.counts(rows.getString("error_counts")),
          rows.getLong("version"));
    } catch (JsonProcessingException e) {
      throw new SQLException("exporter_catalog.model_ids is not a JSON list of ids");
    }
  }
}
