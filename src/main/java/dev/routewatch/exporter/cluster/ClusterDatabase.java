package dev.routewatch.exporter.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The cluster's PostgreSQL database: one pool per replica, shared by Quartz's job store and the
 * state table, and the tables both need, created on first start.
 */
final class ClusterDatabase implements AutoCloseable {

  /** Quartz's own script for PostgreSQL, from the Quartz jar we run, so the two always match. */
  private static final String QUARTZ_SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  /** Any fixed number: replicas starting at once take this lock, so one creates the tables. */
  private static final long SCHEMA_LOCK = 0x6f70656e726f7574L;

  private final HikariDataSource pool;

  private ClusterDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Connects and creates the missing tables.
   *
   * @param connections the pool's size: every Quartz worker thread may hold one while its job
   *     records a result, plus Quartz's own three threads and the state refresher
   */
  static ClusterDatabase open(ExporterConfig.Cluster settings, int connections)
      throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("cluster-db");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.username());
    settings.password().map(Secret::reveal).ifPresent(config::setPassword);
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(1);
    // While the database is gone a caller waits this long, then gets an error and moves on; the
    // pool keeps trying and serves again as soon as the database is back.
    config.setConnectionTimeout(3_000);
    // pgjdbc's own bounds, so a database that stops answering (not only one that refuses) ends a
    // query instead of holding a thread: seconds to connect, to send, and for any answer.
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("socketTimeout", "30");
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", "openrouter-exporter " + settings.instanceId());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      // Hikari wraps the first connection's failure; its message names the pool, never the
      // password.
      throw new SQLException("cannot connect: " + rootMessage(e), e);
    }
    ClusterDatabase database = new ClusterDatabase(pool);
    try {
      database.createTables();
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return database;
  }

  DataSource dataSource() {
    return pool;
  }

  /**
   * Creates Quartz's tables and ours unless they exist, in one transaction under an advisory lock:
   * replicas starting together wait for the first, then find everything in place. Quartz's script
   * starts by dropping its tables, which would wipe a running cluster's schedule: its DROP lines
   * are left out and every CREATE made conditional.
   */
  private void createTables() throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      try {
        statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        for (String sql : quartzStatements()) {
          statement.execute(sql);
        }
        for (String sql : StateTable.SCHEMA) {
          statement.execute(sql);
        }
        for (String sql : CatalogTable.SCHEMA) {
          statement.execute(sql);
        }
        statement.execute(AccountTable.SCHEMA);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Quartz's CREATE statements, each made a no-op when its table or index exists. */
  static List<String> quartzStatements() {
    String script;
    try (InputStream in = ClusterDatabase.class.getResourceAsStream(QUARTZ_SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException("the Quartz jar has no " + QUARTZ_SCRIPT);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String part : withoutComments.toString().split(";")) {
      String sql = part.strip();
      if (sql.startsWith("CREATE TABLE ")) {
        statements.add("CREATE TABLE IF NOT EXISTS " + sql.substring("CREATE TABLE ".length()));
      } else if (sql.startsWith("CREATE INDEX ")) {
        statements.add("CREATE INDEX IF NOT EXISTS " + sql.substring("CREATE INDEX ".length()));
      } else if (!sql.isEmpty() && !sql.startsWith("DROP TABLE ") && !sql.equals("COMMIT")) {
        throw new IllegalStateException("unexpected statement in " + QUARTZ_SCRIPT);
      }
    }
    return statements;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  @Override
  public void close() {
    pool.close();
  }
}
