package dev.routewatch.exporter.openrouter;

import static dev.routewatch.exporter.openrouter.Fixtures.PATIENT;
import static dev.routewatch.exporter.openrouter.Fixtures.USER_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ending calls on shutdown: cancelAll(), close() and an interrupted caller end them at once. */
class CancellationTest {

  private static final ModelId MODEL = new ModelId("moonshotai/kimi-k3");
  private static final String KIMI = "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";

  /** Far below the client's timeout (PATIENT): a call that ends within it was ended by us. */
  private static final Duration PROMPTLY = Duration.ofSeconds(2);

  @StartStop private final MockWebServer server = new MockWebServer();
  private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
  private final ExecutorService caller = Executors.newCachedThreadPool();
  private OpenRouterClient client;

  @BeforeEach
  void start() {
    client = Fixtures.patientClient(server, listener);
  }

  @AfterEach
  void stop() {
    caller.shutdownNow();
    client.close();
  }

  private Future<ModelEndpoints> callInBackground() throws InterruptedException {
    Future<ModelEndpoints> call = caller.submit(() -> client.modelEndpoints(MODEL));
    assertThat(server.takeRequest(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
    return call;
  }

  private static MockResponse hangingBeforeHeaders() {
    return Fixtures.capture(KIMI).newBuilder().headersDelay(30, TimeUnit.SECONDS).build();
  }

  @Test
  void cancelAllEndsACallWaitingForTheAnswerAtOnce() throws Exception {
    server.enqueue(hangingBeforeHeaders());
    Future<ModelEndpoints> call = callInBackground();

    client.cancelAll();

    assertThat(call)
        .failsWithin(PROMPTLY)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InterruptedException.class);
    assertThat(listener.codes()).containsExactly("none");
  }

  @Test
  void cancelAllEndsACallReadingItsBodyAtOnce() throws Exception {
    // The headers are in and the call's body is arriving: OkHttp still counts the call as running.
    server.enqueue(
        Fixtures.capture(KIMI).newBuilder().throttleBody(1, 1, TimeUnit.SECONDS).build());
    Future<ModelEndpoints> call = callInBackground();
    await().atMost(PROMPTLY).until(() -> listener.codes().contains("200"));

    client.cancelAll();

    assertThat(call)
        .failsWithin(PROMPTLY)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InterruptedException.class);
    assertThat(listener.codes()).containsExactly("200");
  }

  @Test
  void clientKeepsWorkingAfterCancelAll() throws Exception {
    server.enqueue(hangingBeforeHeaders());
    Future<ModelEndpoints> canceled = callInBackground();
    client.cancelAll();
    assertThat(canceled).failsWithin(PROMPTLY);

    server.enqueue(Fixtures.capture(KIMI));

    assertThat(client.modelEndpoints(MODEL).endpoints()).hasSize(4);
  }

  @Test
  void interruptingTheCallerEndsTheCallAtOnce() throws Exception {
    server.enqueue(hangingBeforeHeaders());
    CompletableFuture<ModelEndpoints> outcome = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                outcome.complete(client.modelEndpoints(MODEL));
              } catch (Exception e) {
                outcome.completeExceptionally(e);
              }
            });
    caller.start();
    server.takeRequest(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);

    caller.interrupt();

    assertThat(outcome)
        .failsWithin(PROMPTLY)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InterruptedException.class);
    await().atMost(PROMPTLY).until(() -> listener.codes().equals(List.of("none")));
  }

  @Test
  void callsBeyondMaxConcurrentRequestsWaitAndCancelAllEndsThemToo() throws Exception {
    client.close();
    client =
        new OpenRouterClient(
            new ExporterConfig.Upstream(
                server.url("/api/v1").toString(),
                Optional.empty(),
                PATIENT,
                1,
                120,
                Fixtures.MAX_BODY_BYTES,
                256),
            USER_AGENT,
            listener);
    server.enqueue(hangingBeforeHeaders());
    server.enqueue(hangingBeforeHeaders());
    Future<ModelEndpoints> running = callInBackground();
    Future<ModelEndpoints> waiting = caller.submit(() -> client.modelEndpoints(MODEL));

    assertThat(server.takeRequest(300, TimeUnit.MILLISECONDS)).as("second request").isNull();
    client.cancelAll();

    assertThat(running).failsWithin(PROMPTLY);
    assertThat(waiting)
        .failsWithin(PROMPTLY)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void callOnAClosedClientEndsWithInterruptedException() {
    client.close();

    assertThatExceptionOfType(InterruptedException.class)
        .isThrownBy(() -> client.modelEndpoints(MODEL));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void closeEndsCallsAndReleasesConnectionsAndThreads() throws Exception {
    OkHttpClient base = new OkHttpClient();
    OpenRouterClient closing =
        new OpenRouterClient(
            Fixtures.settings(server, PATIENT, Optional.empty()), USER_AGENT, listener, base);
    server.enqueue(Fixtures.capture(KIMI));
    closing.modelEndpoints(MODEL);
    assertThat(base.connectionPool().connectionCount()).isEqualTo(1);
    server.takeRequest();
    server.enqueue(hangingBeforeHeaders());
    Future<ModelEndpoints> call = caller.submit(() -> closing.modelEndpoints(MODEL));
    server.takeRequest(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);

    closing.close();

    assertThat(call)
        .failsWithin(PROMPTLY)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InterruptedException.class);
    assertThat(base.connectionPool().connectionCount()).isZero();
    assertThat(base.dispatcher().executorService().isShutdown()).isTrue();
  }
}
