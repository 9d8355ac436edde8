package dev.routewatch.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.Secret;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.config.WebFlags;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import dev.routewatch.exporter.web.BasicAuth.Credentials;
import dev.routewatch.exporter.web.BasicAuth.Verdict;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Basic authentication in front of every route: who gets in, that an unknown user costs the same
 * bcrypt as a wrong password, so timing tells no names apart, and that while one bcrypt runs other
 * checks answer at once instead of queueing for it.
 */
class BasicAuthTest {

  private static final String PASSWORD = "right-password";

  private final HttpClient http = HttpClient.newHttpClient();
  private WebServer server;

  @BeforeEach
  void start() throws Exception {
    // Cost 10, the htpasswd default: tens of milliseconds, far above a request's own cost.
    WebConfig web =
        new WebConfig(
            Optional.empty(),
            Map.of("alice", new Secret(BCrypt.hashpw(PASSWORD, BCrypt.gensalt(10)))),
            Map.of());
    SnapshotStore store = new SnapshotStore(List.of(new ModelId("a/b")));
    BuildInfo build = new BuildInfo("1", "r", "17");
    server =
        new WebServer(
            new InetSocketAddress("127.0.0.1", 0),
            WebFlags.DEFAULTS,
            new ExporterMetrics(store, Duration.ofMinutes(10), build, TimeSource.SYSTEM),
            store,
            new AccountStore(),
            Optional::empty,
            build,
            Optional.empty(),
            web,
            TimeSource.SYSTEM,
            Configs.MINIMAL);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.address().getPort() + "/-/healthy"))
            .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The median time of a few requests with {@code authorization}, in nanoseconds. */
  private long medianNanos(String authorization) throws Exception {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      assertThat(get(authorization).statusCode()).isEqualTo(401);
      times.add(System.nanoTime() - start);
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  @Test
  void onlyTheRightPasswordOfAConfiguredUserGetsIn() throws Exception {
    assertThat(get(basic("alice", PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(get(basic("alice", PASSWORD)).statusCode()).as("remembered").isEqualTo(200);
    assertThat(get("basic " + basic("alice", PASSWORD).substring(6)).statusCode())
        .as("the scheme is case-insensitive")
        .isEqualTo(200);
    assertThat(get(basic("alice", PASSWORD + "x")).statusCode()).isEqualTo(401);
    assertThat(get(basic("alice", PASSWORD.substring(1))).statusCode()).isEqualTo(401);
    assertThat(get(basic("Alice", PASSWORD)).statusCode()).isEqualTo(401);
    assertThat(get(basic("bob", PASSWORD)).statusCode()).isEqualTo(401);
    assertThat(get(basic("alice", "")).statusCode()).isEqualTo(401);
    assertThat(get("Bearer " + PASSWORD).statusCode()).isEqualTo(401);
    assertThat(get(null).statusCode()).isEqualTo(401);
    assertThat(get("Basic " + Base64.getEncoder().encodeToString("alice".getBytes())).statusCode())
        .as("no colon")
        .isEqualTo(401);
  }

  @Test
  void anUnknownUserTakesAsLongAsAWrongPassword() throws Exception {
    medianNanos(basic("warm", "up")); // JIT and connection set-up

    long wrongPassword = medianNanos(basic("alice", "wrong-password"));
    long unknownUser = medianNanos(basic("mallory", "wrong-password"));
    long noBcrypt = medianNanos("Basic !!");

    // Both run one bcrypt of the same cost; a request that runs none is many times faster.
    assertThat(unknownUser).isGreaterThan(wrongPassword / 2);
    assertThat(wrongPassword).isGreaterThan(unknownUser / 2);
    assertThat(Math.min(unknownUser, wrongPassword)).isGreaterThan(5 * noBcrypt);
  }

  @Test
  void whileAPasswordCheckRunsOthersAreBusyButRememberedCredentialsGetIn() throws Exception {
    Semaphore bcrypt = new Semaphore(1);
    BasicAuth auth =
        new BasicAuth(
            Map.of("alice", new Secret(BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4)))), bcrypt);
    assertThat(auth.check(credentials("alice", PASSWORD))).isEqualTo(Verdict.ADMITTED);

    bcrypt.acquire(); // another request's bcrypt is running
    assertThat(auth.check(credentials("alice", PASSWORD)))
        .as("remembered")
        .isEqualTo(Verdict.ADMITTED);
    assertThat(auth.check(credentials("alice", "wrong-password"))).isEqualTo(Verdict.BUSY);
    assertThat(auth.check(credentials("mallory", PASSWORD))).isEqualTo(Verdict.BUSY);
    assertThat(auth.check(credentials("alice", PASSWORD + "x")))
        .as("not remembered: only what passed is")
        .isEqualTo(Verdict.BUSY);
    bcrypt.release();

    assertThat(auth.check(credentials("alice", "wrong-password"))).isEqualTo(Verdict.REFUSED);
    assertThat(auth.check(credentials("mallory", PASSWORD))).isEqualTo(Verdict.REFUSED);
    assertThat(bcrypt.availablePermits()).as("every check gave its permit back").isEqualTo(1);
  }

  private static Credentials credentials(String user, String password) {
    return new Credentials(user, password.getBytes(StandardCharsets.UTF_8));
  }
}
