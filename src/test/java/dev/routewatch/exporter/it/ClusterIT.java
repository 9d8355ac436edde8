package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.routewatch.exporter.Captures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three exporter jars sharing one real PostgreSQL and one fake upstream, as replicas run in
 * production. The tests run in order on one cluster, because each step builds on the one before
 * (one replica, three, one killed, the killed one back); starting a cluster per step would triple
 * the time. They print the figures docs/high-availability.md quotes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final Duration INTERVAL = Duration.ofSeconds(3);
  private static final int INTERVALS_MEASURED = 4;

  /** Its polls take half an interval, so a replica can be killed in the middle of one. */
  private static final String SLOW = "moonshotai/kimi-k3";

  private static final String PREFIX = "/api/v1/models/";
  private static final String SUFFIX = "/endpoints";

  private Path dir;
  private PostgresProcess postgres;
  private FixtureUpstream upstream;
  private final List<ClusterReplica> replicas = new ArrayList<>();
  private ClusterReplica killed;

  @BeforeAll
  void startDatabaseAndUpstream() throws Exception {
    assumeTrue(PostgresProcess.installed(), "PostgreSQL is not installed");
    dir = Files.createTempDirectory("cluster-it");
    postgres = PostgresProcess.start();
    upstream = new FixtureUpstream();
    upstream.answer(
        SLOW,
        () ->
            FixtureUpstream.ok(Captures.read(FixtureUpstream.CAPTURES.get(SLOW)))
                .newBuilder()
                .headersDelay(INTERVAL.toMillis() / 2, TimeUnit.MILLISECONDS)
                .build());
  }

  @AfterAll
  void stopEverything() {
    replicas.forEach(ClusterReplica::close);
    if (upstream != null) {
      upstream.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void oneReplicaPollsEachModelOncePerInterval() throws Exception {
    replicas.add(startReplica("replica-1"));
    Scrapes.awaitReady(replicas.get(0).port(), Duration.ofSeconds(30));

    measurePolls().assertOncePerInterval("One replica");
  }

  @Test
  @Order(2)
  void threeReplicasPollEachModelOncePerIntervalNotThreeTimes() throws Exception {
    replicas.add(startReplica("replica-2"));
    replicas.add(startReplica("replica-3"));
    for (ClusterReplica replica : replicas) {
      Scrapes.awaitReady(replica.port(), Duration.ofSeconds(30));
    }
    awaitMembers(replicas, 3);
    long[] before = localPolls();

    Polls polls = measurePolls();

    long[] after = localPolls();
    polls.assertOncePerInterval("Three replicas");
    System.out.printf(
        "Three replicas: polls run by each in that time: %d, %d, %d%n",
        after[0] - before[0], after[1] - before[1], after[2] - before[2]);
    long total = 0;
    for (int i = 0; i < 3; i++) {
      total += after[i] - before[i];
    }
    long seen = polls.counts().values().stream().mapToLong(Long::longValue).sum();
    assertThat(total)
        .as("the replicas' own counts add up to what the upstream saw")
        .isBetween(seen - FixtureUpstream.MODELS.size(), seen + FixtureUpstream.MODELS.size());
  }

  @Test
  @Order(3)
  void everyReplicaServesTheSameSeriesForEveryModelWithinASecond() throws Exception {
    List<String> expositions = new ArrayList<>();
    for (ClusterReplica replica : replicas) {
      expositions.add(perEndpoint(replica.metrics()));
    }
    assertThat(expositions.get(0))
        .contains("openrouter_endpoint_uptime_last_30m_ratio{")
        .contains("model=\"" + SLOW + "\"");
    for (String model : FixtureUpstream.MODELS) {
      assertThat(expositions.get(0))
          .contains("openrouter_model_endpoints{model=\"" + model + "\"}");
      for (ClusterReplica replica : replicas) {
        assertThat(replica.metrics())
            .contains("openrouter_model_data_timestamp_seconds{model=\"" + model + "\"}");
      }
    }
    assertThat(expositions.get(1)).isEqualTo(expositions.get(0));
    assertThat(expositions.get(2)).isEqualTo(expositions.get(0));

    String model = "typesafe/jev-1.13";
    List<Long> delays = new ArrayList<>();
    for (int sample = 0; sample < 3; sample++) {
      delays.add(propagationMillis(model));
    }
    System.out.printf(
        "Propagation from the upstream answer to all three /metrics (ms): %s%n", delays);
    assertThat(delays).allSatisfy(delay -> assertThat(delay).isLessThan(INTERVAL.toMillis()));
  }

  @Test
  @Order(4)
  void killingAReplicaInTheMiddleOfAPollLosesNoModel() throws Exception {
    // The Quartz trap: while a @DisallowConcurrentExecution job runs, its other triggers are
    // BLOCKED in the shared table, and only the replica running it unblocks them. Kill that one.
    String victimId =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> executing(SLOW), Optional::isPresent)
            .orElseThrow();
    killed = replicas.stream().filter(r -> r.instanceId().equals(victimId)).findFirst().get();
    long killedAt = System.nanoTime();
    killed.kill();
    List<ClusterReplica> survivors =
        replicas.stream().filter(replica -> replica != killed).toList();
    assertThat(triggerState(SLOW + "/every"))
        .as("the dead replica's poll leaves the model's trigger blocked")
        .isEqualTo("BLOCKED");

    Map<String, Long> firstPollAfter = new LinkedHashMap<>();
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              for (FixtureUpstream.Arrival arrival : upstream.arrivals()) {
                if (arrival.nanos() > killedAt && arrival.path().endsWith(SUFFIX)) {
                  firstPollAfter.putIfAbsent(model(arrival.path()), arrival.nanos());
                }
              }
              return firstPollAfter.size() == FixtureUpstream.MODELS.size();
            });

    long slowMillis = TimeUnit.NANOSECONDS.toMillis(firstPollAfter.get(SLOW) - killedAt);
    long allMillis =
        TimeUnit.NANOSECONDS.toMillis(
            firstPollAfter.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - killedAt);
    System.out.printf(
        "Failover: the killed replica's blocked model polled again %d ms after the kill; every"
            + " model polled again within %d ms%n",
        slowMillis, allMillis);
    assertThat(rowsOf(victimId))
        .as("the survivors removed the dead replica's fired triggers and check-in row")
        .isZero();
    awaitMembers(survivors, 2);
    measurePolls().assertOncePerInterval("Two replicas after the kill");
    for (ClusterReplica survivor : survivors) {
      String metrics = survivor.metrics();
      for (String model : FixtureUpstream.MODELS) {
        assertThat(metrics).contains("openrouter_up{model=\"" + model + "\"} 1");
      }
    }
  }

  @Test
  @Order(5)
  void aRestartedReplicaRejoinsAndServesEveryModelAtOnce() throws Exception {
    killed.restart();
    Scrapes.awaitReady(killed.port(), Duration.ofSeconds(30));
    String metrics = killed.metrics();
    for (String model : FixtureUpstream.MODELS) {
      assertThat(metrics).contains("openrouter_up{model=\"" + model + "\"} 1");
    }
    awaitMembers(replicas, 3);
    await().atMost(Duration.ofSeconds(30)).until(() -> killed.localPolls() > 0);
  }

  @Test
  @Order(6)
  void aReplicaKilledMidPollAndRestartedAtOnceReleasesItsOwnLeftoversAsItStarts() throws Exception {
    String victimId =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> executing(SLOW), Optional::isPresent)
            .orElseThrow();
    ClusterReplica victim =
        replicas.stream().filter(r -> r.instanceId().equals(victimId)).findFirst().get();
    long killedAtMillis = System.currentTimeMillis();
    victim.kill();
    assertThat(firedBefore(victimId, killedAtMillis)).isPositive();

    // Long before the others would take it for dead: its first check-in, before it listens,
    // treats its own old row as a dead replica's.
    victim.restart();

    assertThat(firedBefore(victimId, killedAtMillis))
        .as("the killed incarnation's fired triggers, released by the new one")
        .isZero();
    long polled = upstream.arrivals().stream().filter(a -> a.path().contains(SLOW)).count();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                upstream.arrivals().stream().filter(a -> a.path().contains(SLOW)).count() > polled);
    awaitMembers(replicas, 3);
  }

  @Test
  @Order(7)
  void theDatabasePasswordIsInNoLogPageOrMetric() throws Exception {
    for (ClusterReplica replica : replicas) {
      assertThat(replica.output()).doesNotContain(PostgresProcess.PASSWORD);
      assertThat(replica.metrics()).doesNotContain(PostgresProcess.PASSWORD);
      assertThat(Scrapes.get(replica.port(), "/").body()).doesNotContain(PostgresProcess.PASSWORD);
    }
  }

  private ClusterReplica startReplica(String id) throws Exception {
    return ClusterReplica.start(
        dir,
        id,
        postgres,
        upstream.baseUrl(),
        FixtureUpstream.MODELS,
        INTERVAL.toSeconds() + "s",
        (INTERVAL.toSeconds() * 10) + "s");
  }

  /**
   * Upstream requests per model in a window of {@code intervals} poll intervals (as measured: a
   * loaded machine may sleep longer than asked).
   */
  private record Polls(Map<String, Long> counts, double intervals) {

    /**
     * About one request per model per interval: a poll due just before the window may arrive late
     * inside it, hence one and a half of slack either way. Independent exporters would poll three
     * times as often.
     */
    void assertOncePerInterval(String phase) {
      double perInterval =
          counts.values().stream().mapToLong(Long::longValue).sum() / (intervals * counts.size());
      System.out.printf(
          "%s: upstream requests per model per interval %.2f (per model in %.1f intervals: %s)%n",
          phase, perInterval, intervals, counts);
      assertThat(counts.values())
          .allSatisfy(
              count -> assertThat((double) count).isBetween(intervals - 1.5, intervals + 1.5));
    }
  }

  /** Upstream requests per model over {@link #INTERVALS_MEASURED} intervals from now. */
  private Polls measurePolls() throws InterruptedException {
    long from = System.nanoTime();
    Thread.sleep(INTERVAL.multipliedBy(INTERVALS_MEASURED).toMillis());
    long to = System.nanoTime();
    Map<String, Long> counts = new LinkedHashMap<>();
    FixtureUpstream.MODELS.forEach(model -> counts.put(model, 0L));
    for (FixtureUpstream.Arrival arrival : upstream.arrivals()) {
      if (arrival.nanos() >= from && arrival.nanos() < to && arrival.path().endsWith(SUFFIX)) {
        counts.merge(model(arrival.path()), 1L, Long::sum);
      }
    }
    return new Polls(counts, (double) (to - from) / INTERVAL.toNanos());
  }

  private static String model(String path) {
    return path.substring(PREFIX.length(), path.length() - SUFFIX.length());
  }

  private long[] localPolls() throws Exception {
    long[] polls = new long[replicas.size()];
    for (int i = 0; i < polls.length; i++) {
      polls[i] = replicas.get(i).localPolls();
    }
    return polls;
  }

  private static void awaitMembers(List<ClusterReplica> replicas, int members) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (ClusterReplica replica : replicas) {
                if (replica.members() != members) {
                  return false;
                }
              }
              return true;
            });
  }

  /** The per-endpoint and per-model series: what every replica must serve alike. */
  private static String perEndpoint(String exposition) {
    return Scrapes.families(
        exposition,
        name ->
            name.startsWith("openrouter_endpoint_")
                // Moves with each poll (without Date headers it is the poll's time), as the
                // last-success timestamp does: compared in propagationMillis's way, not here.
                || (name.startsWith("openrouter_model_")
                    && !name.equals("openrouter_model_data_timestamp_seconds"))
                || name.equals("openrouter_up")
                || name.equals("openrouter_poll_errors"));
  }

  private static final Pattern LAST_SUCCESS =
      Pattern.compile(
          "openrouter_last_successful_poll_timestamp_seconds\\{model=\"([^\"]+)\"} (\\S+)");

  private static String lastSuccess(ClusterReplica replica, String model) throws Exception {
    Matcher matcher = LAST_SUCCESS.matcher(replica.metrics());
    while (matcher.find()) {
      if (matcher.group(1).equals(model)) {
        return matcher.group(2);
      }
    }
    return "";
  }

  /**
   * From one upstream request for {@code model} to the moment all three replicas show its result:
   * waits until they agree, then for the next request, then for all three to show a new value.
   */
  private long propagationMillis(String model) throws Exception {
    String agreed =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  String first = lastSuccess(replicas.get(0), model);
                  for (ClusterReplica replica : replicas) {
                    if (!lastSuccess(replica, model).equals(first)) {
                      return null;
                    }
                  }
                  return first;
                },
                value -> value != null);
    long seen = upstream.arrivals().stream().filter(a -> a.path().contains(model)).count();
    long arrived =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(5))
            .until(
                () ->
                    upstream.arrivals().stream()
                        .filter(a -> a.path().contains(model))
                        .skip(seen)
                        .findFirst()
                        .map(FixtureUpstream.Arrival::nanos)
                        .orElse(-1L),
                nanos -> nanos > 0);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              for (ClusterReplica replica : replicas) {
                if (lastSuccess(replica, model).equals(agreed)) {
                  return false;
                }
              }
              return true;
            });
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived);
  }

  /**
   * The replica that started {@code model}'s job within the last half second and is running it,
   * from Quartz's table: the poll has a second left, time enough to kill that replica mid-poll.
   */
  private Optional<String> executing(String model) throws Exception {
    return postgres
        .firstValue(
            "SELECT instance_name FROM qrtz_fired_triggers"
                + " WHERE job_name = ? AND state = 'EXECUTING' AND fired_time > ?",
            model,
            System.currentTimeMillis() - 500)
        .map(String::valueOf);
  }

  /** Triggers {@code instanceId} fired before {@code millis} and has not finished. */
  private int firedBefore(String instanceId, long millis) throws Exception {
    return count(
        "SELECT count(*) FROM qrtz_fired_triggers WHERE instance_name = ? AND fired_time < ?",
        instanceId,
        millis);
  }

  /** Rows a replica left in Quartz's fired-triggers and scheduler-state tables. */
  private int rowsOf(String instanceId) throws Exception {
    return count(
        "SELECT (SELECT count(*) FROM qrtz_fired_triggers WHERE instance_name = ?)"
            + " + (SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name = ?)",
        instanceId,
        instanceId);
  }

  private int count(String sql, Object... parameters) throws Exception {
    return ((Number) postgres.firstValue(sql, parameters).orElseThrow()).intValue();
  }

  private String triggerState(String trigger) throws Exception {
    return postgres
        .firstValue("SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = ?", trigger)
        .map(String::valueOf)
        .orElse("(none)");
  }
}
