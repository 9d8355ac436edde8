package dev.routewatch.exporter.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.routewatch.exporter.openrouter.FailureReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code exporter_model_state}: the latest poll of each model, whichever replica ran it. The
 * replica that polled writes the row in one statement; the error counts are added up in that
 * statement, so they count the polls of the whole cluster. {@code version} grows with every write
 * of a row, which is how replicas tell what they have not applied yet.
 */
final class StateTable {

  static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS exporter_model_state (
            model               text        PRIMARY KEY,
            answer              bytea,
            last_success        timestamptz,
            last_attempt        timestamptz NOT NULL,
            poll_duration_nanos bigint      NOT NULL,
            up                  boolean     NOT NULL,
            last_failure        text,
            last_error          text,
            error_counts        jsonb       NOT NULL,
            polled_by           text        NOT NULL,
            version             bigint      NOT NULL
          )""",
          // Added after the first release; tables made before it lack the column. Null: the
          // answer's headers did not say when it was produced (see ModelEndpoints.producedAt).
          "ALTER TABLE exporter_model_state ADD COLUMN IF NOT EXISTS data_time timestamptz");

  private static final String COLUMNS =
      "model, answer, last_success, last_attempt, poll_duration_nanos, up, last_failure,"
          + " last_error, error_counts, version, data_time";

  private static final String SUCCEEDED =
      """
      INSERT INTO exporter_model_state AS s
        (model, answer, last_success, last_attempt, poll_duration_nanos, up, error_counts,
         polled_by, version, data_time)
      VALUES (?, ?, ?, ?, ?, true, '{}', ?, 1, ?)
      ON CONFLICT (model) DO UPDATE SET
        answer = EXCLUDED.answer, last_success = EXCLUDED.last_success,
        data_time = EXCLUDED.data_time,
        last_attempt = EXCLUDED.last_attempt, poll_duration_nanos = EXCLUDED.poll_duration_nanos,
        up = true, last_failure = NULL, last_error = NULL, polled_by = EXCLUDED.polled_by,
        version = s.version + 1
      RETURNING\s"""
          + COLUMNS;

  private static final String FAILED =
      """
      INSERT INTO exporter_model_state AS s
        (model, last_attempt, poll_duration_nanos, up, last_failure, last_error, error_counts,
         polled_by, version)
      VALUES (?, ?, ?, false, ?, ?, jsonb_build_object(?::text, 1), ?, 1)
      ON CONFLICT (model) DO UPDATE SET
        last_attempt = EXCLUDED.last_attempt, poll_duration_nanos = EXCLUDED.poll_duration_nanos,
        up = false, last_failure = EXCLUDED.last_failure, last_error = EXCLUDED.last_error,
        error_counts = s.error_counts || jsonb_build_object(EXCLUDED.last_failure,
          COALESCE((s.error_counts ->> EXCLUDED.last_failure)::bigint, 0) + 1),
        polled_by = EXCLUDED.polled_by, version = s.version + 1
      RETURNING\s"""
          + COLUMNS;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {};

  /**
   * One row as stored.
   *
   * @param answer the body of the last successful answer; null before the first success
   * @param errorCounts failed polls by reason label, only the reasons that occurred
   * @param dataTime when OpenRouter produced that answer, as its headers said; null when they did
   *     not, or before the first success
   */
  record Row(
      String model,
      byte[] answer,
      Instant lastSuccess,
      Instant lastAttempt,
      Duration pollDuration,
      boolean up,
      String lastFailure,
      String lastError,
      Map<String, Long> errorCounts,
      long version,
      Instant dataTime) {}

  private final DataSource database;
  private final String instanceId;

  StateTable(DataSource database, String instanceId) {
    this.database = database;
    this.instanceId = instanceId;
  }

  /**
   * @param dataTime when OpenRouter produced the answer; null when its headers did not say
   */
  Row succeeded(String model, byte[] answer, Instant dataTime, Instant at, Duration took)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(SUCCEEDED)) {
      statement.setString(1, model);
      statement.setBytes(2, answer);
      statement.setObject(3, utc(at));
      statement.setObject(4, utc(at));
      statement.setLong(5, took.toNanos());
      statement.setString(6, instanceId);
      statement.setObject(
          7, dataTime == null ? null : utc(dataTime), Types.TIMESTAMP_WITH_TIMEZONE);
      return single(statement);
    }
  }

  Row failed(String model, FailureReason reason, String error, Instant at, Duration took)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(FAILED)) {
      statement.setString(1, model);
      statement.setObject(2, utc(at));
      statement.setLong(3, took.toNanos());
      statement.setString(4, reason.label());
      statement.setString(5, error);
      statement.setString(6, reason.label());
      statement.setString(7, instanceId);
      return single(statement);
    }
  }

  /** The version of every row: a few bytes per model, read every refresh. */
  Map<String, Long> versions() throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT model, version FROM exporter_model_state");
        ResultSet rows = statement.executeQuery()) {
      Map<String, Long> versions = new HashMap<>();
      while (rows.next()) {
        versions.put(rows.getString(1), rows.getLong(2));
      }
      return versions;
    }
  }

  /** The whole rows of {@code models}. */
  List<Row> rows(Collection<String> models) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM exporter_model_state WHERE model = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("text", models.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        List<Row> result = new ArrayList<>();
        while (rows.next()) {
          result.add(row(rows));
        }
        return result;
      }
    }
  }

  /**
   * How many replicas checked in to Quartz recently enough not to be taken for dead: within the
   * check-in interval and Quartz's grace, by this replica's clock.
   */
  int members(Instant now) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM qrtz_scheduler_state"
                    + " WHERE sched_name = ? AND last_checkin_time > ?")) {
      statement.setString(1, ClusterJobStore.SCHEDULER_NAME);
      statement.setLong(
          2,
          now.minus(ClusterJobStore.CHECKIN_INTERVAL)
              .minus(ClusterJobStore.CHECKIN_GRACE)
              .toEpochMilli());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static Row single(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return row(rows);
    }
  }

  /** An {@code error_counts} column: a JSON object of counts by reason label. */
  static Map<String, Long> counts(String json) throws SQLException {
    try {
      return JSON.readValue(json, COUNTS);
    } catch (JsonProcessingException e) {
      throw new SQLException("error_counts is not a JSON object of counts");
    }
  }

  private static Row row(ResultSet rows) throws SQLException {
    Map<String, Long> counts = counts(rows.getString("error_counts"));
    return new Row(
        rows.getString("model"),
        rows.getBytes("answer"),
        instant(rows.getObject("last_success", OffsetDateTime.class)),
        instant(rows.getObject("last_attempt", OffsetDateTime.class)),
        Duration.ofNanos(rows.getLong("poll_duration_nanos")),
        rows.getBoolean("up"),
        rows.getString("last_failure"),
        rows.getString("last_error"),
        counts,
        rows.getLong("version"),
        instant(rows.getObject("data_time", OffsetDateTime.class)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
