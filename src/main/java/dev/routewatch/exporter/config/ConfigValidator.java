package dev.routewatch.exporter.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Turns the file as written into an {@link ExporterConfig}: fills in the defaults of the README's
 * configuration reference and checks each value, section by section in the order of the file,
 * stopping at the first problem.
 */
final class ConfigValidator {

  static final String API_KEY_ENV = "OPENROUTER_API_KEY";

  /** Far beyond any sane request, and far below what OkHttp accepts (about 24 days). */
  private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  /**
   * The most model ids {@code models} may list, as many as discovery.max_models may find: twenty
   * times OpenRouter's whole catalog (about 500 models). Each poll's store update copies one
   * reference per model, so a round of polls grows with the square of the count: well under a
   * second of CPU at this cap, minutes at ten times it.
   */
  static final int MAX_MODELS = 10_000;

  /** Quartz stores it in a VARCHAR(200); it names the replica in logs and metrics. */
  private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  /** pgjdbc reads {@code password=} from the query, and user info is a password's other place. */
  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)([?&;]password=)|(//[^/]*@)");

  private final Path file;
  private final Map<String, String> env;
  private final MemoryBudget memory;

  ConfigValidator(Path file, Map<String, String> env, MemoryBudget memory) {
    this.file = file;
    this.env = env;
    this.memory = memory;
  }

  ExporterConfig validate(ConfigFile raw) throws ConfigException {
    ExporterConfig.Upstream upstream = upstream(raw.openrouter());
    ExporterConfig.Poll poll = poll(raw.poll());
    if (raw.models() == null || raw.models().isEmpty()) {
      throw ConfigException.at(file, "models", "must list at least one model");
    }
    List<ModelId> models = models(raw.models());
    ExporterConfig.Discovery discovery =
        discovery(raw.models(), raw.excludeModels(), raw.discovery());
    Optional<ExporterConfig.Cluster> cluster = cluster(raw.cluster());
    return new ExporterConfig(
        upstream,
        poll,
        models,
        discovery,
        listenAddress(raw.web()),
        new ExporterConfig.Metrics(
            Objects.requireNonNullElse(raw.metrics().supportedParameters(), false)),
        cluster);
  }

  /** Whether the environment sets the key: then it wins over a mounted file. */
  static boolean apiKeyInEnv(Map<String, String> env) {
    String key = env.get(API_KEY_ENV);
    return key != null && !key.isBlank();
  }

  private ExporterConfig.Upstream upstream(ConfigFile.Openrouter section) throws ConfigException {
    String baseUrl =
        baseUrl(Objects.requireNonNullElse(section.baseUrl(), "https://openrouter.ai/api/v1"));
    Optional<Secret> apiKey = apiKey(section.apiKeyFile());
    Duration timeout = duration("openrouter.timeout", section.timeout(), "10s");
    if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw ConfigException.at(file, "openrouter.timeout", "must be more than 0s and at most 1h");
    }
    int maxConcurrentRequests =
        between("openrouter.max_concurrent_requests", section.maxConcurrentRequests(), 4, 1, 64);
    int maxRequestsPerMinute =
        between(
            "openrouter.max_requests_per_minute", section.maxRequestsPerMinute(), 120, 1, 100_000);
    int maxResponseBytes =
        between(
            "openrouter.max_response_bytes",
            section.maxResponseBytes(),
            8 * 1024 * 1024,
            1024,
            256 * 1024 * 1024);
    // Checked here rather than met by an out-of-memory error when answers that large arrive
    // together, maybe weeks later.
    if (!memory.fits(maxResponseBytes, maxConcurrentRequests)) {
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
    return new ExporterConfig.Upstream(
        baseUrl,
        apiKey,
        timeout,
        maxConcurrentRequests,
        maxRequestsPerMinute,
        maxResponseBytes,
        between(
            "openrouter.max_endpoints_per_model", section.maxEndpointsPerModel(), 256, 1, 100_000));
  }

  /** An http(s) URL to append paths to: no query or fragment, and no user info to leak in logs. */
  private String baseUrl(String text) throws ConfigException {
    String key = "openrouter.base_url";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw ConfigException.at(file, key, "not an http or https URL");
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw ConfigException.at(file, key, "not an http or https URL");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw ConfigException.at(file, key, "must have no user info, query or fragment");
    }
    // The client's own parser has the last word: java.net.URI accepts ports OkHttp refuses.
    if (HttpUrl.parse(text) == null) {
      throw ConfigException.at(file, key, "not an http or https URL");
    }
    return text.replaceFirst("/+$", "");
  }

  /**
   * The key from the environment, else from {@code api_key_file}. A relative path is taken from the
   * configuration file's directory, as Prometheus does for its {@code *_file} settings.
   */
  private Optional<Secret> apiKey(String keyFile) throws ConfigException {
    if (apiKeyInEnv(env)) {
      return Optional.of(secret(env.get(API_KEY_ENV), API_KEY_ENV));
    }
    if (keyFile == null || keyFile.isEmpty()) {
      return Optional.empty();
    }
    String key = "openrouter.api_key_file";
    return Optional.of(secret(secretFile(key, keyFile), key));
  }

  /**
   * The content of a {@code *_file} setting. A relative path is taken from the configuration file's
   * directory, as Prometheus does.
   */
  private String secretFile(String key, String name) throws ConfigException {
    Path path;
    try {
      path = file.resolveSibling(name);
    } catch (InvalidPathException e) {
      throw ConfigException.at(file, key, "not a file path");
    }
    String content = TextFile.read(path, problem -> ConfigException.at(file, key, problem));
    if (content.isBlank()) {
      throw ConfigException.at(file, key, "empty file");
    }
    return content;
  }

  /** The {@code cluster:} section, when present. */
  private Optional<ExporterConfig.Cluster> cluster(ConfigFile.Cluster section)
      throws ConfigException {
    if (section == null) {
      return Optional.empty();
    }
    String url = section.jdbcUrl();
    if (url == null || url.isBlank()) {
      throw ConfigException.at(file, "cluster.jdbc_url", "required with a cluster: section");
    }
    if (!url.startsWith("jdbc:postgresql://")) {
      throw ConfigException.at(
          file, "cluster.jdbc_url", "must start with jdbc:postgresql:// (PostgreSQL only)");
    }
    // The URL is logged and shown by --config.check; a password in it would go with it.
    if (PASSWORD_IN_URL.matcher(url).find()) {
      throw ConfigException.at(
          file, "cluster.jdbc_url", "must not hold a password: use cluster.password_file");
    }
    if (section.username() == null || section.username().isBlank()) {
      throw ConfigException.at(file, "cluster.username", "required with a cluster: section");
    }
    Optional<Secret> password = Optional.empty();
    if (section.passwordFile() != null && !section.passwordFile().isEmpty()) {
      password =
          Optional.of(new Secret(secretFile("cluster.password_file", section.passwordFile())));
    }
    String instanceId = Objects.requireNonNullElseGet(section.instanceId(), Hosts::instanceId);
    if (!INSTANCE_ID.matcher(instanceId).matches()) {
      throw ConfigException.at(
          file,
          "cluster.instance_id",
          "must be 1 to 100 letters, digits and . _ : - (unique among the replicas)");
    }
    return Optional.of(
        new ExporterConfig.Cluster(url, section.username().strip(), password, instanceId));
  }

  /** A key that can go in an HTTP header; anything else would fail every request later. */
  private Secret secret(String value, String key) throws ConfigException {
    if (!Secret.isUsable(value)) {
      throw ConfigException.at(file, key, "the key has characters not allowed in an HTTP header");
    }
    return new Secret(value);
  }

  private ExporterConfig.Poll poll(ConfigFile.Poll section) throws ConfigException {
    Duration interval = duration("poll.interval", section.interval(), "60s");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw ConfigException.at(file, "poll.interval", "must be at least 1s");
    }
    if (section.staleAfter() == null) {
      Duration threeIntervals = interval.multipliedBy(3);
      Duration tenMinutes = Duration.ofMinutes(10);
      return new ExporterConfig.Poll(
          interval, threeIntervals.compareTo(tenMinutes) > 0 ? threeIntervals : tenMinutes);
    }
    Duration staleAfter = parsed("poll.stale_after", section.staleAfter(), Durations::parse);
    if (staleAfter.compareTo(interval) < 0) {
      throw ConfigException.at(file, "poll.stale_after", "must be at least poll.interval");
    }
    return new ExporterConfig.Poll(interval, staleAfter);
  }

  /** The explicit ids among the {@code models} entries. */
  private List<ModelId> models(List<ConfigFile.ModelEntry> entries) throws ConfigException {
    Set<ModelId> models = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      ConfigFile.ModelEntry entry = entries.get(i);
      String key = "models[" + i + "]";
      if (entry == null || (entry.id() == null && entry.match() == null)) {
        throw ConfigException.at(file, key, "expected a model id or {match: PATTERN}");
      }
      if (entry.id() != null && !models.add(parsed(key, entry.id(), ModelId::new))) {
        throw ConfigException.at(file, key, "duplicate model id");
      }
    }
    if (models.size() > MAX_MODELS) {
      throw ConfigException.at(
          file,
          "models",
          models.size()
              + " model ids, more than the "
              + MAX_MODELS
              + " allowed; list fewer, or choose them with {match: PATTERN} entries");
    }
    return List.copyOf(models);
  }

  /** The {@code {match: GLOB}} entries, {@code exclude_models} and the discovery bounds. */
  private ExporterConfig.Discovery discovery(
      List<ConfigFile.ModelEntry> entries, List<String> excludeModels, ConfigFile.Discovery section)
      throws ConfigException {
    Set<ModelPattern> patterns = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String match = entries.get(i).match();
      String key = "models[" + i + "].match";
      if (match != null && !patterns.add(parsed(key, match, ModelPattern::new))) {
        throw ConfigException.at(file, key, "duplicate pattern");
      }
    }
    List<ModelPattern> exclusions = new ArrayList<>();
    List<String> excluded = Objects.requireNonNullElse(excludeModels, List.of());
    for (int i = 0; i < excluded.size(); i++) {
      exclusions.add(parsed("exclude_models[" + i + "]", excluded.get(i), ModelPattern::new));
    }
    Duration interval = duration("discovery.interval", section.interval(), "1h");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw ConfigException.at(file, "discovery.interval", "must be at least 1s");
    }
    return new ExporterConfig.Discovery(
        List.copyOf(patterns),
        exclusions,
        interval,
        between("discovery.max_models", section.maxModels(), 500, 1, MAX_MODELS));
  }

  private InetSocketAddress listenAddress(ConfigFile.Web section) throws ConfigException {
    return parsed(
        "web.listen_address",
        Objects.requireNonNullElse(section.listenAddress(), ":9877"),
        ListenAddress::parse);
  }

  private Duration duration(String key, String text, String byDefault) throws ConfigException {
    return parsed(key, Objects.requireNonNullElse(text, byDefault), Durations::parse);
  }

  private int between(String key, Integer value, int byDefault, int min, int max)
      throws ConfigException {
    int number = Objects.requireNonNullElse(value, byDefault);
    if (number < min || number > max) {
      throw ConfigException.at(file, key, "must be between " + min + " and " + max);
    }
    return number;
  }

  /**
   * Runs one of the value parsers, whose messages are safe to show: they never repeat the value.
   */
  private <T> T parsed(String key, String text, Function<String, T> parser) throws ConfigException {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(file, key, e.getMessage());
    }
  }
}
