package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.account.AccountResults;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.poll.CatalogRead;
import dev.routewatch.exporter.poll.DiscoveryResults;
import dev.routewatch.exporter.poll.ModelFetcher;
import dev.routewatch.exporter.poll.PollResults;
import dev.routewatch.exporter.poll.Polling;
import dev.routewatch.exporter.poll.Replicas;
import dev.routewatch.exporter.poll.ScheduleStore;
import dev.routewatch.exporter.poll.StartupException;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's part in a cluster ({@code cluster:} configured), the {@link Replicas} that shares:
 * the database, the shared schedule's store for Quartz, where polls', discoveries' and account
 * reads' outcomes go, and the refresh that brings every other replica's into this replica.
 */
public final class Cluster implements Replicas {

  private static final Logger logger = LoggerFactory.getLogger(Cluster.class);

  /**
   * How often a replica reads what the others polled. 1 s: a poll shows on every replica within
   * about a second (measured in ClusterIT), for two small queries a second per replica; polls are
   * tens of seconds apart, so a shorter delay would buy nothing.
   */
  static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);

  private final ClusterDatabase database;
  private final ClusterJobStore jobStore;
  private final ClusterPollResults results;
  private final ClusterDiscoveryResults discoveries;
  private final AppliedCatalog catalog;
  private final AccountResults accountResults;
  private final StateSync sync;
  private final ScheduledExecutorService refresher;

  private Cluster(
      ClusterDatabase database,
      ClusterJobStore jobStore,
      ClusterPollResults results,
      ClusterDiscoveryResults discoveries,
      AppliedCatalog catalog,
      AccountResults accountResults,
      StateSync sync) {
    this.database = database;
    this.jobStore = jobStore;
    this.results = results;
    this.discoveries = discoveries;
    this.catalog = catalog;
    this.accountResults = accountResults;
    this.sync = sync;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "cluster-refresh");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Connects, creates the tables if missing, loads what the cluster knows into {@code store}, keeps
   * refreshing it, and adds the cluster's families to {@code metrics}.
   *
   * @throws StartupException the database cannot be reached or the tables cannot be created
   */
  public static Cluster join(
      ExporterConfig config,
      SnapshotStore store,
      AccountStore account,
      ExporterMetrics metrics,
      TimeSource time)
      throws StartupException {
    Cluster cluster;
    try {
      cluster = joinDatabase(config, store, account, time);
    } catch (SQLException e) {
      // pgjdbc's and Hikari's messages name the host, port and user, never the password.
      throw StartupException.failed("cluster.jdbc_url", "the database: " + e.getMessage(), e);
    }
    metrics.cluster(cluster.sync::members, cluster.results::polls);
    logger.info("Joined the cluster as {}", config.cluster().orElseThrow().instanceId());
    return cluster;
  }

  private static Cluster joinDatabase(
      ExporterConfig config, SnapshotStore store, AccountStore account, TimeSource time)
      throws SQLException {
    ExporterConfig.Cluster settings = config.cluster().orElseThrow();
    // Every Quartz worker may hold a connection while it records a result, plus Quartz's
    // scheduler, check-in and misfire threads and the refresher.
    ClusterDatabase database = ClusterDatabase.open(settings, Polling.threads(config) + 4);
    StateTable table = new StateTable(database.dataSource(), settings.instanceId());
    AppliedRows applied = new AppliedRows(store, config.openrouter().maxEndpointsPerModel(), time);
    DatabaseHealth health = new DatabaseHealth(time);
    CatalogTable catalogs = new CatalogTable(database.dataSource());
    AppliedCatalog catalog = new AppliedCatalog();
    ClusterAccountResults accountResults =
        new ClusterAccountResults(new AccountTable(database.dataSource()), account, health, time);
    StateSync sync =
        new StateSync(
            table,
            applied,
            catalogs,
            catalog,
            accountResults,
            health,
            config.poll().staleAfter(),
            time);
    try {
      sync.refresh();
    } catch (SQLException e) {
      database.close();
      throw e;
    }
    Cluster cluster =
        new Cluster(
            database,
            new ClusterJobStore(database.dataSource(), settings.instanceId()),
            new ClusterPollResults(table, applied, health, store),
            new ClusterDiscoveryResults(catalogs, catalog, health),
            catalog,
            accountResults,
            sync);
    cluster.refresher.scheduleWithFixedDelay(
        sync, REFRESH_INTERVAL.toMillis(), REFRESH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return cluster;
  }

  /** The shared schedule. */
  @Override
  public ScheduleStore schedule() {
    return jobStore;
  }

  /** Reads bodies whole: the shared table stores them. */
  @Override
  public ModelFetcher fetcher(OpenRouterClient client) {
    return model -> results.fetch(client, model);
  }

  /** The shared table. */
  @Override
  public PollResults results() {
    return results;
  }

  @Override
  public AccountResults accountResults() {
    return accountResults;
  }

  /** The shared catalog. */
  @Override
  public DiscoveryResults discoveries() {
    return discoveries;
  }

  /** Hands over the catalog as it is now, if any, and every new one, whichever replica read it. */
  @Override
  public void onCatalog(BiConsumer<CatalogRead, UnaryOperator<DiscoveryState>> adopt) {
    catalog.listen(shared -> adopt.accept(shared.read(), shared::applyTo));
  }

  @Override
  public List<String> catalog() {
    return catalog.latest().map(shared -> shared.catalog().ids()).orElse(List.of());
  }

  @Override
  public Optional<String> outOfSync() {
    return sync.outOfSync();
  }

  /** {@code poll.stale_after}: how long without the database before not ready. */
  @Override
  public void reconfigure(ExporterConfig next) {
    sync.staleAfter(next.poll().staleAfter());
  }

  /** Stops refreshing and closes the pool; call after polling has stopped. */
  @Override
  public void close() {
    refresher.shutdownNow();
    database.close();
  }
}
