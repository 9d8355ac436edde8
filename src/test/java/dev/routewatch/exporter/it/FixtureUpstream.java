package dev.routewatch.exporter.it;

import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.NoDelayServerSockets;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake OpenRouter over a real socket: answers {@code /api/v1/models/{id}/endpoints} and the
 * account paths ({@link #ACCOUNT}) with the real captures in src/test/resources/openrouter/real,
 * and the synthetic payloads in .../synthetic (for fields no capture shows), byte for byte, unless
 * a test told it to answer a model otherwise.
 */
final class FixtureUpstream implements AutoCloseable {

  /** Model id to the capture served for it, in the order of the golden file. */
  static final Map<String, String> CAPTURES = captures();

  private static Map<String, String> captures() {
    Map<String, String> captures = new LinkedHashMap<>();
    captures.put("typesafe/jev-1.13", "01-typesafe-jev-1.13-endpoints-latency-null.json");
    captures.put("upstage/solar-decide", "02-upstage-solar-decide-endpoints-status-minus2.json");
    captures.put("jaredpalmer/kev-4b", "03-jaredpalmer-kev-4b-endpoints-latency-null.json");
    captures.put("~typesafe/jev-latest", "04-alias-typesafe-jev-latest-empty-endpoints.json");
    captures.put("typesafe/jev-router", "05-router-typesafe-jev-router-empty-endpoints.json");
    captures.put("moonshotai/kimi-k3", "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json");
    captures.put(
        "anthropic/claude-fable-5.1",
        "07-anthropic-claude-fable-5.1-azure-endpoint-element-as-body.json");
    captures.put(
        "nex-agi/nex-n2.5-pro:free", "08-nex-agi-nex-n2.5-pro-free-endpoints-trimmed.json");
    captures.put(
        "deepseek/deepseek-chat-v3.1", "09-deepseek-chat-v3.1-endpoints-2025-trimmed.json");
    return Collections.unmodifiableMap(captures);
  }

  /**
   * Model id to the synthetic payload served for it (marked as such in
   * src/test/resources/openrouter/synthetic/SOURCES.md).
   */
  static final Map<String, String> SYNTHETIC =
      Map.of(
          "routewatch/synthetic-api-surface", "11-routewatch-synthetic-api-surface-endpoints.json");

  /** Every model served, real captures first, in the order of the golden file. */
  static final List<String> MODELS = models();

  private static List<String> models() {
    List<String> models = new ArrayList<>(CAPTURES.keySet());
    models.addAll(SYNTHETIC.keySet());
    return List.copyOf(models);
  }

  /**
   * The account paths and what each answers unless a test says otherwise: {@code /key} the full
   * shape of OpenRouter's description, {@code /credits} the real capture, {@code /activity} three
   * rows of the requested day (see src/test/resources/openrouter/synthetic/SOURCES.md).
   */
  static final Map<String, String> ACCOUNT =
      Map.of(
          "/api/v1/key", "12-key-openapi-example.json",
          "/api/v1/credits", "11-credits.json",
          "/api/v1/activity", "13-activity-openapi-example.json");

  private static final String ACTIVITY_EXAMPLE_DATE = "2025-08-24";

  private static final String PREFIX = "/api/v1/models/";
  private static final String CATALOG_PATH = "/api/v1/models";
  private static final String SUFFIX = "/endpoints";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Function<RecordedRequest, MockResponse>> overrides =
      new ConcurrentHashMap<>();
  private final Map<String, String> healthy = new ConcurrentHashMap<>();
  private final Map<String, Function<RecordedRequest, MockResponse>> accountOverrides =
      new ConcurrentHashMap<>();
  private volatile Supplier<MockResponse> catalog = () -> ok(CATALOG);
  private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());

  /** When a request arrived ({@link System#nanoTime()}) and for which path. */
  record Arrival(long nanos, String path) {}

  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());

  FixtureUpstream() throws IOException {
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrivals.add(new Arrival(System.nanoTime(), request.getUrl().encodedPath()));
            requests.add(request);
            return answer(request);
          }
        });
    server.start();
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.equals(CATALOG_PATH)) {
      return catalog.get();
    }
    if (ACCOUNT.containsKey(path)) {
      Function<RecordedRequest, MockResponse> override = accountOverrides.get(path);
      return override != null ? override.apply(request) : accountAnswer(request, path);
    }
    if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
      return new MockResponse.Builder().code(404).build();
    }
    String model = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
    Function<RecordedRequest, MockResponse> override = overrides.get(model);
    if (override != null) {
      return override.apply(request);
    }
    String capture = CAPTURES.get(model);
    if (capture != null) {
      return ok(Captures.read(capture));
    }
    String synthetic = SYNTHETIC.get(model);
    if (synthetic != null) {
      return ok(Captures.read(synthetic));
    }
    return new MockResponse.Builder()
        .code(404)
        .body("{\"error\":{\"code\":404,\"message\":\"Model not found\"}}")
        .build();
  }

  /** The model announced to expire in {@link #CATALOG}. */
  static final String EXPIRING = "typesafe/jev-1.13";

  /** 00:00 UTC of the day {@link #EXPIRING} expires, in Unix time. */
  static final long EXPIRES_AT = Instant.parse("2027-01-15T00:00:00Z").getEpochSecond();

  /**
   * The catalog served unless a test says otherwise: the real excerpt, whose {@code
   * ~typesafe/jev-latest} has an {@code alias_target}, with an {@code expiration_date} given to
   * {@link #EXPIRING} (every model of the excerpt has null there).
   */
  static final String CATALOG = catalogWithExpiry();

  private static String catalogWithExpiry() {
    String catalog = Captures.read("10-models-list-excerpt-decisions-models.json");
    int entry = catalog.indexOf("\"id\": \"" + EXPIRING + "\"");
    String none = "\"expiration_date\": null";
    int field = catalog.indexOf(none, entry);
    if (entry < 0 || field < 0) {
      throw new IllegalStateException("the catalog excerpt lists no " + EXPIRING);
    }
    return catalog.substring(0, field)
        + "\"expiration_date\": \"2027-01-15\""
        + catalog.substring(field + none.length());
  }

  /** The default answer of an account path; activity rows carry the day asked for. */
  private static MockResponse accountAnswer(RecordedRequest request, String path) {
    String body = Captures.read(ACCOUNT.get(path));
    String day = request.getUrl().queryParameter("date");
    return ok(day == null ? body : body.replace(ACTIVITY_EXAMPLE_DATE, day));
  }

  static MockResponse ok(String json) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(json)
        .build();
  }

  /** An answer of {@code GET /api/v1/models} that lists {@code ids}, and only their ids. */
  static MockResponse catalogOf(String... ids) {
    StringBuilder json = new StringBuilder("{\"data\":[");
    for (int i = 0; i < ids.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids[i]).append("\"}");
    }
    return ok(json.append("]}").toString());
  }

  private static final Pattern DATA_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");

  /**
   * {@code file} as OpenRouter would answer it for {@code model}: real answers carry the id asked
   * for, so its {@code data.id} (the first id in every capture) becomes {@code model}; every other
   * byte stays as captured.
   */
  static String captureFor(String model, String file) {
    String capture = Captures.read(file);
    Matcher id = DATA_ID.matcher(capture);
    if (!id.find()) {
      throw new IllegalStateException(file + " has no data.id");
    }
    return capture.substring(0, id.start(1)) + model + capture.substring(id.end(1));
  }

  /** Answers {@code model} (as it appears in the request path) with {@code response} from now. */
  void answer(String model, Supplier<MockResponse> response) {
    overrides.put(model, request -> response.get());
  }

  /** Answers {@code model} from now with what {@code response} makes of each request. */
  void answerEach(String model, Function<RecordedRequest, MockResponse> response) {
    overrides.put(model, response);
  }

  /**
   * Answers the account path {@code path} ({@code /api/v1/key}, {@code /api/v1/credits} or {@code
   * /api/v1/activity}) from now with what {@code response} makes of each request.
   */
  void answerAccount(String path, Function<RecordedRequest, MockResponse> response) {
    if (!ACCOUNT.containsKey(path)) {
      throw new IllegalArgumentException("not an account path: " + path);
    }
    accountOverrides.put(path, response);
  }

  /** Answers the catalog, {@code GET /api/v1/models}, with {@code response} from now. */
  void catalog(Supplier<MockResponse> response) {
    catalog = response;
  }

  /** Serves {@code capture} for {@code model}, a model id of the test's own. */
  void serve(String model, String capture) {
    answer(model, () -> ok(captureFor(model, capture)));
    healthy.put(model, capture);
  }

  /** Back to the real capture for {@code model}. */
  void restore(String model) {
    String capture = healthy.get(model);
    if (capture == null) {
      overrides.remove(model);
    } else {
      answer(model, () -> ok(captureFor(model, capture)));
    }
  }

  String baseUrl() {
    String url = server.url("/api/v1").toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Arrival> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
