package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.routewatch.exporter.config.ExporterConfig.Upstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code config/openrouter-exporter.yml} (docs/configuration.md, "Configuration file") into
 * an {@link ExporterConfig}, or fails with one {@link ConfigException} naming the file, the key and
 * the problem. No message and no exception cause carries a configured value: Jackson's and
 * SnakeYAML's messages quote the input, so only their paths and positions are used.
 */
public final class ConfigLoader {

  /** The values written as strings and read by this package's parsers. */
  private static final Map<Class<?>, JsonDeserializer<?>> TEXT_VALUES =
      Map.of(
          Duration.class, new TextValue<>(Duration.class, Durations::parse),
          InetSocketAddress.class, new TextValue<>(InetSocketAddress.class, ListenAddress::parse),
          ModelId.class, new TextValue<>(ModelId.class, ModelId::new),
          ModelPattern.class, new TextValue<>(ModelPattern.class, ModelPattern::new),
          FamilyGlob.class, new TextValue<>(FamilyGlob.class, FamilyGlob::new));

  // Strict, unlike the lenient mapper for OpenRouter's answers: a key nobody reads, a repeated key
  // or a "4" or 4.5 where a count belongs is a typo, and a typo must stop the program rather than
  // leave a default silently in place.
  static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .addModule(new SimpleModule("text-values", Version.unknownVersion(), TEXT_VALUES))
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Caught by the parser at the repeated key itself, so the path names it even when its
          // value is a section or a list.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private ConfigLoader() {}

  /** Whether {@code type} is read from a string rather than from a mapping of its own keys. */
  static boolean readsFromText(Class<?> type) {
    return TEXT_VALUES.containsKey(type);
  }

  /**
   * Loads and validates {@code file}. {@code env} is the process environment ({@link
   * System#getenv()}), where {@code OPENROUTER_API_KEY} wins over {@code openrouter.api_key_file}
   * and {@code OPENROUTER_MANAGEMENT_KEY} over {@code account.management_key_file}.
   */
  public static ExporterConfig load(Path file, Map<String, String> env) throws ConfigException {
    return load(file, env, MemoryBudget.ofThisJvm());
  }

  /** For testing only: as if the JVM had the heap {@code memory} describes. */
  static ExporterConfig load(Path file, Map<String, String> env, MemoryBudget memory)
      throws ConfigException {
    ObjectReader reader = MAPPER.readerFor(ExporterConfig.class);
    for (String variable : List.of(ApiKeyFile.ENV, ManagementKeyFile.ENV)) {
      if (HeaderKeyFile.inEnv(variable, env)) {
        reader =
            reader.withAttribute(
                HeaderKeyFile.attribute(variable), keyFromEnv(file, env, variable));
      }
    }
    ExporterConfig config = read(file, reader);
    Upstream upstream = config.openrouter();
    // Checked here rather than met by an out-of-memory error when answers that large arrive
    // together, maybe weeks later.
    if (!memory.fits(upstream.maxResponseBytes(), upstream.maxConcurrentRequests())) {
      throw ConfigException.at(
          file,
          "openrouter.max_response_bytes",
          "answers this large, openrouter.max_concurrent_requests at once, need more than the "
              + MemoryBudget.mebibytes(memory.answerBytes())
              + " they may take (a third of the "
              + MemoryBudget.mebibytes(memory.heapBytes())
              + " heap): lower either, or give the JVM a larger heap (-Xmx, or a larger"
              + " container memory limit with -XX:MaxRAMPercentage)");
    }
    return config;
  }

  private static Secret keyFromEnv(Path file, Map<String, String> env, String variable)
      throws ConfigException {
    String key = env.get(variable);
    if (!Secret.isUsable(key)) {
      throw ConfigException.at(
          file, variable, "the key has characters not allowed in an HTTP header");
    }
    return new Secret(key);
  }

  /**
   * Loads and checks {@code --web.config.file}, naming the file, the key and the problem, never a
   * value: the file holds password hashes and names key files.
   */
  public static WebConfig loadWebConfig(Path file) throws ConfigException {
    return read(file, MAPPER.readerFor(WebConfig.class));
  }

  /**
   * Whether {@code file} sets the dotted {@code key} itself rather than leaving it to its default;
   * false when the file cannot be read now.
   */
  public static boolean sets(Path file, String key) {
    try {
      JsonNode tree =
          parse(file, TextFile.read(file, problem -> ConfigException.in(file, problem)));
      JsonNode value = tree == null ? null : tree.at("/" + key.replace('.', '/'));
      return value != null && !value.isMissingNode() && !value.isNull();
    } catch (ConfigException e) {
      return false;
    }
  }

  /** Reads a YAML file into the records {@code reader} binds, strictly: both files alike. */
  private static <T> T read(Path file, ObjectReader reader) throws ConfigException {
    JsonNode tree = parse(file, TextFile.read(file, problem -> ConfigException.in(file, problem)));
    if (tree == null || tree.isNull()) {
      throw ConfigException.in(file, "empty file");
    }
    if (!tree.isObject()) {
      throw ConfigException.in(file, "not a YAML mapping");
    }
    ConfigKeys.fillDefaults((ObjectNode) tree, reader.getValueType());
    // The file's directory is where relative *_file paths start: a deserializer reads it as an
    // attribute, a creator (WebConfig's) as an injected value.
    return bind(
        file,
        tree,
        reader
            .withAttribute(SecretFile.CONFIG_FILE, file)
            .with(new InjectableValues.Std().addValue(SecretFile.CONFIG_FILE, file)));
  }

  private static JsonNode parse(Path file, String content) throws ConfigException {
    try (JsonParser parser = MAPPER.createParser(content)) {
      try {
        JsonNode tree = MAPPER.readTree(parser);
        if (parser.nextToken() != null) {
          throw ConfigException.in(file, "more than one YAML document");
        }
        return tree;
      } catch (JsonParseException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
          // The parser stands on the repeated key.
          throw ConfigException.at(file, KeyPath.of(parser.getParsingContext()), "duplicate key");
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Malformed numeric value")) {
          // YAML's .nan and .inf look like numbers to the parser, which stands on the value.
          throw ConfigException.at(
              file,
              KeyPath.of(parser.getParsingContext()),
              "not a finite number (.nan and .inf are not accepted)");
        }
        throw e;
      }
    } catch (JacksonYAMLParseException e) {
      throw ConfigException.in(
          file,
          position(e)
              + (atTab(e)
                  ? ": a tab character; YAML indents with spaces only"
                  : ": YAML syntax error"));
    } catch (IOException e) {
      throw ConfigException.in(file, "not valid YAML");
    }
  }

  /** SnakeYAML's problem mark: Jackson's own location can be the token before the problem. */
  private static String position(JacksonYAMLParseException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
    return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** Whether SnakeYAML stopped at a tab, which its own message calls "cannot start any token". */
  private static boolean atTab(JacksonYAMLParseException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      int[] text = mark.getBuffer();
      return mark.getPointer() < text.length && text[mark.getPointer()] == '\t';
    }
    return false;
  }

  private static <T> T bind(Path file, JsonNode tree, ObjectReader reader) throws ConfigException {
    try {
      return reader.readValue(tree);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof InvalidValueException invalid) {
        throw ConfigException.at(
            file, KeyPath.of(e.getPath(), invalid.key()), invalid.getMessage());
      }
      throw ConfigException.at(
          file, KeyPath.of(e.getPath()), problem(e, reader.getValueType().getRawClass()));
    } catch (IOException e) {
      // Binding a tree that parsed fails with a JsonMappingException; this is for the unforeseen.
      throw ConfigException.in(file, "not a valid configuration");
    }
  }

  /**
   * @param root the records the file binds to, whose keys an unknown key is compared with
   */
  private static String problem(JsonMappingException e, Class<?> root) {
    if (e instanceof UnrecognizedPropertyException) {
      return "unknown key"
          + NearestKey.of(ConfigKeys.of(root), KeyPath.of(e.getPath()))
              .map(key -> "; did you mean " + key + "?")
              .orElse("");
    }
    if (e.getCause() instanceof InputCoercionException) {
      return "number out of range";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> type = mismatch.getTargetType();
      if (type == int.class) {
        return "expected an integer";
      }
      if (type == String.class) {
        return "expected a string";
      }
      if (type == boolean.class || type == Boolean.class) {
        return "expected true or false";
      }
      if (List.class.isAssignableFrom(type)) {
        return "expected a list";
      }
      if (type.isRecord() || Map.class.isAssignableFrom(type)) {
        return "expected a mapping";
      }
    }
    return "invalid value";
  }
}
