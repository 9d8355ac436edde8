package dev.routewatch.exporter.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code exporter_catalog}: one row, the outcome of the discoveries any replica ran: the last
 * catalog read (its ids and model lifecycles), when, and the failed reads by reason. Whichever
 * replica's discovery fires writes it; every replica adopts the catalog, so they all poll and show
 * the same models.
 */
final class CatalogTable {

  static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS exporter_catalog (
            id           boolean     PRIMARY KEY DEFAULT true CHECK (id),
            model_ids    jsonb       NOT NULL,
            last_success timestamptz,
            error_counts jsonb       NOT NULL,
            version      bigint      NOT NULL
          )""",
          // A table from an older exporter has no lifecycles yet.
          "ALTER TABLE exporter_catalog ADD COLUMN IF NOT EXISTS"
              + " lifecycles jsonb NOT NULL DEFAULT '{}'");

  private static final String COLUMNS =
      "model_ids, lifecycles, last_success, error_counts, version";

  private static final String SUCCEEDED =
      """
      INSERT INTO exporter_catalog AS c
        (model_ids, lifecycles, last_success, error_counts, version)
      VALUES (?::jsonb, ?::jsonb, ?, '{}', 1)
      ON CONFLICT (id) DO UPDATE SET
        model_ids = EXCLUDED.model_ids, lifecycles = EXCLUDED.lifecycles,
        last_success = EXCLUDED.last_success,
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
   * @param catalog the last catalog read; empty before the first success
   * @param lastSuccess when it was read; null before
   * @param errorCounts failed reads by reason label, only the reasons that occurred
   */
  record Row(Catalog catalog, Instant lastSuccess, Map<String, Long> errorCounts, long version) {}

  /**
   * A lifecycle as stored.
   *
   * @param expiration Unix time; null for none
   */
  record StoredLifecycle(Long expiration, String aliasTarget) {

    static StoredLifecycle of(Catalog.Lifecycle lifecycle) {
      Instant expiration = lifecycle.expiration();
      return new StoredLifecycle(
          expiration == null ? null : expiration.getEpochSecond(), lifecycle.aliasTarget());
    }

    Catalog.Lifecycle lifecycle() {
      return new Catalog.Lifecycle(
          expiration == null ? null : Instant.ofEpochSecond(expiration), aliasTarget);
    }
  }

  private final DataSource database;

  CatalogTable(DataSource database) {
    this.database = database;
  }

  Row succeeded(Catalog catalog, Instant at) throws SQLException {
    Map<String, StoredLifecycle> lifecycles = new HashMap<>();
    catalog
        .lifecycles()
        .forEach((model, lifecycle) -> lifecycles.put(model, StoredLifecycle.of(lifecycle)));
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(SUCCEEDED)) {
      statement.setString(1, JSON.writeValueAsString(catalog.ids()));
      statement.setString(2, JSON.writeValueAsString(lifecycles));
      statement.setObject(3, at.atOffset(ZoneOffset.UTC));
      return single(statement);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and numbers are always JSON", e);
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
      Map<String, Catalog.Lifecycle> lifecycles = new HashMap<>();
      JSON.readValue(
              rows.getString("lifecycles"), new TypeReference<Map<String, StoredLifecycle>>() {})
          .forEach((model, stored) -> lifecycles.put(model, stored.lifecycle()));
      return new Row(
          new Catalog(
              JSON.readValue(rows.getString("model_ids"), new TypeReference<List<String>>() {}),
              lifecycles),
          lastSuccess == null ? null : lastSuccess.toInstant(),
          StateTable.counts(rows.getString("error_counts")),
          rows.getLong("version"));
    } catch (JsonProcessingException e) {
      throw new SQLException("exporter_catalog.model_ids or .lifecycles is not what was written");
    }
  }
}
