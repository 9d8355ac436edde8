package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonFactory;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.Secret;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The OpenRouter API: one method per upstream endpoint, each returning an immutable answer or
 * throwing an {@link UpstreamException} whose reason is already classified. Thread-safe: one
 * instance serves every poll job.
 */
public final class OpenRouterClient implements AutoCloseable {

  private final OkHttpClient httpClient;
  private final HttpUrl baseUrl;
  private final Optional<Secret> apiKey;
  private final String userAgent;
  private final ApiRequestListener listener;

  /**
   * The largest answer body read. Real answers are tens of KiB; the cap keeps a broken or hostile
   * upstream from filling the heap.
   */
  private final long maxBodyBytes;

  private final int maxEndpoints;

  /** The parser for endpoint answers, with limits for bodies of up to {@link #maxBodyBytes}. */
  private final JsonFactory json;

  public OpenRouterClient(
      ExporterConfig.Upstream settings, String userAgent, ApiRequestListener listener) {
    this(settings, userAgent, listener, baseClient(HttpUrl.get(settings.baseUrl())));
  }

  /**
   * For a plain-HTTP base URL (a local proxy or a test server) a client without TLS: OkHttp then
   * skips loading the JDK's trust store and TLS classes, a good part of start-up.
   */
  private static OkHttpClient baseClient(HttpUrl baseUrl) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (!baseUrl.isHttps()) {
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    return builder.build();
  }

  /** For testing only: {@code base} lends its connection pool and dispatcher to be inspected. */
  OpenRouterClient(
      ExporterConfig.Upstream settings,
      String userAgent,
      ApiRequestListener listener,
      OkHttpClient base) {
    // One OkHttpClient for every call of every model: each client holds its own connection pool
    // and threads, which is why "OkHttpClients should be shared"
    // (https://square.github.io/okhttp/5.x/okhttp/okhttp3/-ok-http-client/).
    this.httpClient =
        base.newBuilder()
            .connectTimeout(settings.timeout())
            .readTimeout(settings.timeout())
            // The configured timeout is per request: connecting, waiting and reading the body.
            .callTimeout(settings.timeout())
            // A redirect means base_url is wrong (http:// for https://): an HTTP error says so,
            // where following it would send every request, and the key, twice.
            .followRedirects(false)
            // Closes an HTTP/1.1 connection after any answer that failed or left bytes unread, so
            // that no answer can be read as another model's.
            .eventListenerFactory(ConnectionHygiene.FACTORY)
            .build();
    // max_concurrent_requests caps the calls in flight; more wait their turn in OkHttp's
    // dispatcher, whose own default (5 per host) would otherwise apply.
    httpClient.dispatcher().setMaxRequests(settings.maxConcurrentRequests());
    httpClient.dispatcher().setMaxRequestsPerHost(settings.maxConcurrentRequests());
    this.baseUrl = HttpUrl.get(settings.baseUrl());
    this.apiKey = settings.apiKey();
    this.userAgent = userAgent;
    this.listener = listener;
    this.maxBodyBytes = settings.maxResponseBytes();
    this.maxEndpoints = settings.maxEndpointsPerModel();
    this.json = AnswerParser.forBodiesOf(maxBodyBytes);
  }

  /**
   * {@code GET {base_url}/models/{author}/{slug}/endpoints}, see
   * https://openrouter.ai/docs/api-reference/endpoints/list-endpoints.
   *
   * <p>At most {@code max_concurrent_requests} calls run at once; more wait their turn (the timeout
   * starts when a call runs). Interrupting the caller or {@link #cancelAll()} ends a call at once,
   * waiting or running. The body is parsed as it arrives and never held whole.
   *
   * @throws UpstreamException the call failed; {@link UpstreamException#reason()} says why
   * @throws InterruptedException the thread was interrupted or {@link #cancelAll()} ended the call:
   *     the exporter is stopping, which is no upstream failure
   */
  public ModelEndpoints modelEndpoints(ModelId model)
      throws UpstreamException, InterruptedException {
    return checked(
        model,
        call(
            endpointsUrl(model),
            (body, headers) ->
                AnswerParser.modelEndpoints(body, maxEndpoints, json)
                    .withProducedAt(ProducedAt.of(headers))));
  }

  /**
   * {@link #modelEndpoints(ModelId)}, reading the body whole: before it is returned, an answer goes
   * to {@code received} with the body as OpenRouter sent it (not copied, never modified), which
   * {@link ModelEndpoints#read} parses into an equal answer, but for {@link
   * ModelEndpoints#producedAt()}, which comes from the headers.
   */
  public ModelEndpoints modelEndpoints(ModelId model, BiConsumer<ModelEndpoints, byte[]> received)
      throws UpstreamException, InterruptedException {
    Parsed parsed =
        call(
            endpointsUrl(model),
            (body, headers) -> {
              byte[] bytes = body.readByteArray();
              ModelEndpoints answer = AnswerParser.modelEndpoints(bytes, maxEndpoints, json);
              return new Parsed(answer.withProducedAt(ProducedAt.of(headers)), bytes);
            });
    ModelEndpoints answer = checked(model, parsed.answer());
    received.accept(answer, parsed.body());
    return answer;
  }

  private record Parsed(ModelEndpoints answer, byte[] body) {}

  private HttpUrl endpointsUrl(ModelId model) {
    return baseUrl
        .newBuilder()
        .addPathSegment("models")
        // Each part is one encoded segment; ':' and '~' stay literal, as RFC 3986 allows and
        // OpenRouter's own ids use them ("nex-agi/nex-n2.5-pro:free", "~typesafe/jev-latest").
        .addPathSegment(model.author())
        .addPathSegment(model.slug())
        .addPathSegment("endpoints")
        .build();
  }

  private static ModelEndpoints checked(ModelId model, ModelEndpoints answer)
      throws UpstreamException {
    // OpenRouter answers with the id asked for, aliases and variants included
    // ("~typesafe/jev-latest", "nex-agi/nex-n2.5-pro:free"): any other id is another model's
    // answer.
    if (!model.value().equals(answer.id())) {
      throw FailureClassifier.badResponse("data.id is not the model asked for");
    }
    return answer;
  }

  /**
   * OpenRouter's catalog, {@code GET {base_url}/models?output_modalities=all} (without the
   * parameter OpenRouter lists only models with text output), see
   * https://openrouter.ai/docs/api-reference/models/get-models.
   *
   * @throws UpstreamException the call failed; {@link UpstreamException#reason()} says why
   * @throws InterruptedException the exporter is stopping
   */
  public Catalog catalog() throws UpstreamException, InterruptedException {
    HttpUrl url =
        baseUrl
            .newBuilder()
            .addPathSegment("models")
            .addQueryParameter("output_modalities", "all")
            .build();
    return call(url, (body, headers) -> AnswerParser.catalog(body));
  }

  /**
   * Ends every call, waiting or running, at once (on shutdown); callers get InterruptedException.
   */
  public void cancelAll() {
    httpClient.dispatcher().cancelAll();
  }

  /** Ends the calls in flight and releases the pooled connections and OkHttp's threads. */
  @Override
  public void close() {
    cancelAll();
    httpClient.dispatcher().executorService().shutdown();
    httpClient.connectionPool().evictAll();
  }

  /**
   * {@code GET {base_url}/key} with the API key: the key's spend and limit, see
   * https://openrouter.ai/docs/api-reference/api-keys/get-current-key.
   *
   * @throws UpstreamException the call failed; {@link UpstreamException#reason()} says why
   * @throws InterruptedException the exporter is stopping
   */
  public KeyInfo key() throws UpstreamException, InterruptedException {
    return call(
        baseUrl.newBuilder().addPathSegment("key").build(),
        apiKey,
        (body, headers) -> AnswerParser.key(body, json));
  }

  /**
   * {@code GET {base_url}/credits} with {@code managementKey}, the one key OpenRouter answers it
   * for: see https://openrouter.ai/docs/api-reference/credits/get-credits.
   *
   * @throws UpstreamException the call failed (a 403 when the key is no management key)
   * @throws InterruptedException the exporter is stopping
   */
  public Credits credits(Secret managementKey) throws UpstreamException, InterruptedException {
    return call(
        baseUrl.newBuilder().addPathSegment("credits").build(),
        Optional.of(managementKey),
        (body, headers) -> AnswerParser.credits(body, json));
  }

  /**
   * {@code GET {base_url}/activity?date=day} with {@code managementKey}: the account's use on one
   * completed UTC day of the last 30, a row per model and endpoint, see
   * https://openrouter.ai/docs/api-reference/analytics/get-activity.
   *
   * @throws UpstreamException the call failed (a 403 when the key is no management key)
   * @throws InterruptedException the exporter is stopping
   */
  public List<ActivityItem> activity(Secret managementKey, LocalDate day)
      throws UpstreamException, InterruptedException {
    return call(
        baseUrl
            .newBuilder()
            .addPathSegment("activity")
            .addQueryParameter("date", day.toString())
            .build(),
        Optional.of(managementKey),
        (body, headers) -> AnswerParser.activity(body, json));
  }

  private <T> T call(HttpUrl url, PendingBody.Reader<T> reader)
      throws UpstreamException, InterruptedException {
    return call(url, apiKey, reader);
  }

  /**
   * @param key the key sent: the API key, but the management key to the account paths that need it,
   *     and only there
   */
  private <T> T call(HttpUrl url, Optional<Secret> key, PendingBody.Reader<T> reader)
      throws UpstreamException, InterruptedException {
    AnswerFraming framing = new AnswerFraming();
    Call call = httpClient.newCall(request(url, key, framing));
    PendingBody<T> body = new PendingBody<>(listener, maxBodyBytes, reader);
    // Asynchronous so that an interrupted caller ends the call at once: a thread blocked in a
    // socket read notices an interrupt only when bytes arrive or the timeout fires.
    call.enqueue(body);
    T answer;
    try {
      answer = body.await();
    } catch (InterruptedException e) {
      call.cancel();
      throw e;
    }
    // Known once the body was read to its end: the parser closes the body when it is done, and
    // OkHttp reads what is left of it then (see ConnectionHygiene).
    if (framing.hadBytesPastTheEnd()) {
      throw FailureClassifier.badResponse("bytes past the end of the answer");
    }
    return answer;
  }

  private Request request(HttpUrl url, Optional<Secret> key, AnswerFraming framing) {
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .tag(AnswerFraming.class, framing)
            .header("User-Agent", userAgent)
            .header("Accept", "application/json");
    // The key goes in this header only, never in the URL (URLs end up in logs). Without a key
    // OpenRouter still answers, with latency and throughput null.
    key.ifPresent(secret -> request.header("Authorization", "Bearer " + secret.reveal()));
    return request.build();
  }
}
