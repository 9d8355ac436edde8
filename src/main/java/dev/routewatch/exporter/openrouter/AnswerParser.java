package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import okio.BufferedSource;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns answer bodies into records, defensively: real answers differ from the documented schema
 * (https://openrouter.ai/docs/api-reference/endpoints/list-endpoints) in numbers sent as strings,
 * prices sent as numbers, fields that come and go, and nulls anywhere. One unreadable value leaves
 * that value absent; an answer of the wrong shape is {@link FailureReason#BAD_RESPONSE}.
 */
final class AnswerParser {

  /** The body of {@code GET /models/{author}/{slug}/endpoints}: the answer is its {@code data}. */
  record ModelEndpointsBody(
      @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) ModelEndpoints data) {}

  /**
   * The body of {@code GET /models}: the catalog's models, of which we read the ids and lifecycles.
   */
  record ModelsBody(
      @JsonProperty(required = true)
          @JsonSetter(nulls = Nulls.FAIL)
          @JsonDeserialize(using = CatalogEntries.class)
          CatalogEntries.Entries data) {}

  /** The body of {@code GET /key}. */
  record KeyBody(@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) KeyInfo data) {}

  /** The body of {@code GET /credits}. */
  record CreditsBody(@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) Credits data) {}

  /** The body of {@code GET /activity}: a row per day, model and endpoint. */
  record ActivityBody(
      @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) List<ActivityItem> data) {}

  private static final Logger logger = LoggerFactory.getLogger(AnswerParser.class);

  /**
   * Label values render at most 256 characters, prices and numbers at most 100. A longer string is
   * still read (and a label cut and counted) up to this length, which no real answer comes near;
   * the parser holds a string whole, so beyond it one value would cost as much as the body.
   */
  static final int MAX_STRING_LENGTH = 128 * 1024;

  /**
   * Bytes of the body cap per token an answer may have: real answers have 11 to 21 bytes a token,
   * and each token read can become an object of 20 to 60 bytes, so without this limit an answer of
   * short strings in a list would take several times its size once parsed.
   */
  static final int BYTES_PER_TOKEN = 32;

  /** The fewest tokens allowed, whatever the body cap: about 700 real endpoints. */
  static final int MIN_TOKENS = 64 * 1024;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits(-1)).build())
          // OpenRouter adds fields over time; we read the ones we render.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Numbers may come as JSON strings ("100", "0.5"). Jackson's default, stated here
          // because real answers depend on it.
          .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // Anything after the answer means the body is not the answer we expect.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Prices sent as JSON numbers stay exact in Pricing (it reads JsonNodes), like strings.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          // One unreadable value ("status": "default", a price "n/a") leaves that series absent
          // rather than failing the whole answer.
          .addHandler(new UnreadableScalarAsNull())
          .addModule(
              new SimpleModule()
                  .addDeserializer(Double.class, new FiniteDoubleDeserializer())
                  .addDeserializer(Long.class, WholeNumberDeserializer.longs())
                  .addDeserializer(Integer.class, WholeNumberDeserializer.integers()))
          .build();

  private static final ObjectReader MODEL_ENDPOINTS = MAPPER.readerFor(ModelEndpointsBody.class);
  private static final ObjectReader MODELS = MAPPER.readerFor(ModelsBody.class);
  private static final ObjectReader KEY = MAPPER.readerFor(KeyBody.class);
  private static final ObjectReader CREDITS = MAPPER.readerFor(CreditsBody.class);
  private static final ObjectReader ACTIVITY = MAPPER.readerFor(ActivityBody.class);

  private AnswerParser() {}

  /**
   * What a broken or hostile upstream may cost in stack and CPU: real answers nest about 7 deep and
   * have numbers of at most ~20 characters.
   *
   * @param maxTokens at most this many tokens per document; -1 for no limit
   */
  private static StreamReadConstraints limits(long maxTokens) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(64)
        .maxNumberLength(100)
        .maxStringLength(MAX_STRING_LENGTH)
        .maxTokenCount(maxTokens)
        .build();
  }

  /** The parser for endpoint answers read from bodies of at most {@code maxBodyBytes}. */
  static JsonFactory forBodiesOf(long maxBodyBytes) {
    long maxTokens = Math.max(MIN_TOKENS, maxBodyBytes / BYTES_PER_TOKEN);
    return MAPPER.getFactory().rebuild().streamReadConstraints(limits(maxTokens)).build();
  }

  /** For testing only: without a cap on the endpoints. */
  static ModelEndpoints modelEndpoints(byte[] body) throws UpstreamException {
    return modelEndpoints(body, Integer.MAX_VALUE);
  }

  /**
   * A body kept whole (a cluster's shared answer), without a limit on its tokens: the replica that
   * polled has read it within its own.
   *
   * @param maxEndpoints an answer with more endpoints is a {@link FailureReason#BAD_RESPONSE}
   */
  static ModelEndpoints modelEndpoints(byte[] body, int maxEndpoints) throws UpstreamException {
    return modelEndpoints(body, maxEndpoints, MAPPER.getFactory());
  }

  /** A body kept whole, parsed with the limits of {@code json} ({@link #forBodiesOf}). */
  static ModelEndpoints modelEndpoints(byte[] body, int maxEndpoints, JsonFactory json)
      throws UpstreamException {
    return modelEndpoints(whole(body), maxEndpoints, json);
  }

  /**
   * Parses a body as it arrives, with the limits of {@code json} ({@link #forBodiesOf}).
   *
   * @param maxEndpoints an answer with more endpoints is a {@link FailureReason#BAD_RESPONSE}
   */
  static ModelEndpoints modelEndpoints(BufferedSource body, int maxEndpoints, JsonFactory json)
      throws UpstreamException {
    try {
      ModelEndpointsBody parsed =
          read(body, json, MODEL_ENDPOINTS.withAttribute(EndpointList.MAX_ENDPOINTS, maxEndpoints));
      return parsed.data();
    } catch (EndpointList.TooManyEndpointsException e) {
      throw FailureClassifier.badResponse("more than " + maxEndpoints + " endpoints");
    } catch (IOException e) {
      throw FailureClassifier.forUnreadableJson(e);
    }
  }

  /** For testing only: the catalog from a whole body. */
  static Catalog catalog(byte[] body) throws UpstreamException {
    return catalog(whole(body));
  }

  /**
   * The catalog's models, in the catalog's order; entries without a usable id are left out (see
   * {@link CatalogEntries}) and counted in a debug line. Parsed as the body arrives, without a
   * limit on its tokens: only the ids and a few dates and slugs are kept.
   */
  static Catalog catalog(BufferedSource body) throws UpstreamException {
    ModelsBody parsed;
    try {
      parsed = read(body, MAPPER.getFactory(), MODELS);
    } catch (IOException e) {
      throw FailureClassifier.forUnreadableJson(e);
    }
    CatalogEntries.Entries entries = parsed.data();
    if (entries.skipped() > 0) {
      logger.debug("Catalog: {} entries without a usable model id skipped", entries.skipped());
    }
    return entries.catalog();
  }

  /** The {@code data} of a {@code GET /key} answer, with the limits of {@code json}. */
  static KeyInfo key(BufferedSource body, JsonFactory json) throws UpstreamException {
    return account(body, json, KEY, KeyBody::data);
  }

  /** The {@code data} of a {@code GET /credits} answer, with the limits of {@code json}. */
  static Credits credits(BufferedSource body, JsonFactory json) throws UpstreamException {
    return account(body, json, CREDITS, CreditsBody::data);
  }

  /** The rows of a {@code GET /activity} answer, null rows left out. */
  static List<ActivityItem> activity(BufferedSource body, JsonFactory json)
      throws UpstreamException {
    List<ActivityItem> rows = account(body, json, ACTIVITY, ActivityBody::data);
    return rows.stream().filter(Objects::nonNull).toList();
  }

  private static <B, T> T account(
      BufferedSource body, JsonFactory json, ObjectReader reader, Function<B, T> data)
      throws UpstreamException {
    try {
      B parsed = read(body, json, reader);
      return data.apply(parsed);
    } catch (IOException e) {
      throw FailureClassifier.forUnreadableJson(e);
    }
  }

  /** Reads one JSON document from {@code body} as it arrives, never holding the body whole. */
  private static <T> T read(BufferedSource body, JsonFactory json, ObjectReader reader)
      throws IOException, UpstreamException {
    if (body.exhausted()) {
      throw FailureClassifier.badResponse("empty body");
    }
    T parsed;
    try (JsonParser parser = json.createParser(body.inputStream())) {
      parsed = reader.readValue(parser);
    }
    if (parsed == null) {
      throw FailureClassifier.badResponse("unexpected JSON at $"); // the body was JSON null
    }
    return parsed;
  }

  private static BufferedSource whole(byte[] body) {
    return Okio.buffer(Okio.source(new ByteArrayInputStream(body)));
  }

  /**
   * A number or boolean field holding a string that is none ({@code "status": "default"}, as an
   * early description of the API showed it, a price {@code "n/a"}) reads as absent. Other shapes
   * stay errors.
   */
  private static final class UnreadableScalarAsNull extends DeserializationProblemHandler {
    @Override
    public Object handleWeirdStringValue(
        DeserializationContext context, Class<?> targetType, String value, String failure) {
      boolean scalar = Number.class.isAssignableFrom(targetType) || targetType == Boolean.class;
      return scalar ? null : NOT_HANDLED;
    }
  }
}
