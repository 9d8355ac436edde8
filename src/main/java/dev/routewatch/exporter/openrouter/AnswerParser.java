package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.List;
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

  /** The body of {@code GET /models}: the catalog's models, of which we read the ids. */
  record ModelsBody(
      @JsonProperty(required = true)
          @JsonSetter(nulls = Nulls.FAIL)
          @JsonDeserialize(using = CatalogIds.class)
          CatalogIds.Ids data) {}

  private static final Logger logger = LoggerFactory.getLogger(AnswerParser.class);

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  // A broken or hostile upstream must not cost stack or CPU: real answers nest
                  // about 7 deep and have numbers of at most ~20 characters. Strings and the whole
                  // document are already bounded by the body cap.
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxNumberLength(100)
                          .build())
                  .build())
          // OpenRouter adds fields over time; we read the ones we render.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Numbers may come as JSON strings ("100", "0.5"). Jackson's default, stated here
          // because the contract depends on it.
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

  private AnswerParser() {}

  /** For testing only: without a cap on the endpoints. */
  static ModelEndpoints modelEndpoints(byte[] body) throws UpstreamException {
    return modelEndpoints(body, Integer.MAX_VALUE);
  }

  /**
   * @param maxEndpoints an answer with more endpoints is a {@link FailureReason#BAD_RESPONSE}
   */
  static ModelEndpoints modelEndpoints(byte[] body, int maxEndpoints) throws UpstreamException {
    if (body.length == 0) {
      throw FailureClassifier.badResponse("empty body");
    }
    ModelEndpointsBody parsed;
    try {
      parsed =
          MODEL_ENDPOINTS.withAttribute(EndpointList.MAX_ENDPOINTS, maxEndpoints).readValue(body);
    } catch (EndpointList.TooManyEndpointsException e) {
      throw FailureClassifier.badResponse("more than " + maxEndpoints + " endpoints");
    } catch (IOException e) {
      throw FailureClassifier.forUnreadableJson(e);
    }
    if (parsed == null) {
      throw FailureClassifier.badResponse("unexpected JSON at $"); // the body was JSON null
    }
    return parsed.data();
  }

  /**
   * The ids of the catalog's models, in the catalog's order; entries without a usable id are left
   * out (see {@link CatalogIds}) and counted in a debug line.
   */
  static List<String> modelIds(byte[] body) throws UpstreamException {
    if (body.length == 0) {
      throw FailureClassifier.badResponse("empty body");
    }
    ModelsBody parsed;
    try {
      parsed = MODELS.readValue(body);
    } catch (IOException e) {
      throw FailureClassifier.forUnreadableJson(e);
    }
    if (parsed == null) {
      throw FailureClassifier.badResponse("unexpected JSON at $");
    }
    CatalogIds.Ids catalog = parsed.data();
    if (catalog.skipped() > 0) {
      logger.debug("Catalog: {} entries without a usable model id skipped", catalog.skipped());
    }
    return catalog.ids();
  }

  /**
   * A number or boolean field holding a string that is none ({@code "status": "default"} in the
   * seed document, a price {@code "n/a"}) reads as absent. Other shapes stay errors.
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
