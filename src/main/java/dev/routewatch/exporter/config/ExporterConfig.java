package dev.routewatch.exporter.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration file (docs/configuration.md, "Configuration file"), bound by {@link
 * ConfigLoader} straight into these records: each YAML key is a record component (or a parameter of
 * a record's {@code @JsonCreator} where the file's shape differs from the program's), its default
 * is the component's {@code @JsonProperty(defaultValue)}, and the record's constructor checks it.
 * Every value here has passed those checks, so the rest of the program never re-checks it. {@link
 * ConfigKeys#of} lists the keys from these records.
 */
public record ExporterConfig(
    Upstream openrouter,
    Poll poll,
    List<ModelId> models,
    Discovery discovery,
    InetSocketAddress listenAddress,
    Metrics metrics,
    Optional<Cluster> cluster,
    Otlp otlp,
    Account account,
    Optional<String> grafanaUrl) {

  /**
   * The most model ids {@code models} may list, as many as discovery.max_models may find: twenty
   * times OpenRouter's whole catalog (about 500 models). Each poll's store update copies one
   * reference per model, so a round of polls grows with the square of the count: well under a
   * second of CPU at this cap, minutes at ten times it.
   */
  static final int MAX_MODELS = 10_000;

  /**
   * @param models the model ids listed explicitly: always polled, never excluded
   * @param grafanaUrl {@code web.grafana_url}: where the landing page links each model's dashboard
   */
  public ExporterConfig {
    models = List.copyOf(models);
  }

  /**
   * The file's top level. A section left out takes its defaults, except {@code cluster}: left out,
   * there is none (one replica, no database).
   */
  @JsonCreator
  static ExporterConfig fromFile(
      @JsonProperty("openrouter") Upstream openrouter,
      @JsonProperty("poll") Poll poll,
      @JsonProperty("models") List<ModelEntry> models,
      @JsonProperty(value = "exclude_models", defaultValue = "[]") List<ModelPattern> excludeModels,
      @JsonProperty("discovery") Discovery discovery,
      @JsonProperty("web") Web web,
      @JsonProperty("metrics") Metrics metrics,
      @JsonProperty("cluster") Cluster cluster,
      @JsonProperty("otlp") Otlp otlp,
      @JsonProperty("account") Account account) {
    if (models == null || models.isEmpty()) {
      throw new InvalidValueException("models", "must list at least one model");
    }
    Set<ModelId> ids = new LinkedHashSet<>();
    Set<ModelPattern> patterns = new LinkedHashSet<>();
    for (int i = 0; i < models.size(); i++) {
      ModelEntry entry = models.get(i);
      String key = "models[" + i + "]";
      if (entry == null || (entry.id() == null && entry.match() == null)) {
        throw new InvalidValueException(key, "expected a model id or {match: PATTERN}");
      }
      if (entry.id() != null && !ids.add(entry.id())) {
        throw new InvalidValueException(key, "duplicate model id");
      }
      if (entry.match() != null && !patterns.add(entry.match())) {
        throw new InvalidValueException(key + ".match", "duplicate pattern");
      }
    }
    int nullExclusion = excludeModels.indexOf(null);
    if (nullExclusion >= 0) {
      throw new InvalidValueException(
          "exclude_models[" + nullExclusion + "]", ModelPattern.NOT_A_PATTERN);
    }
    if (ids.size() > MAX_MODELS) {
      throw new InvalidValueException(
          "models",
          ids.size()
              + " model ids, more than the "
              + MAX_MODELS
              + " allowed; list fewer, or choose them with {match: PATTERN} entries");
    }
    return new ExporterConfig(
        openrouter,
        poll,
        List.copyOf(ids),
        new Discovery(
            List.copyOf(patterns), excludeModels, discovery.interval(), discovery.maxModels()),
        web.listenAddress(),
        metrics,
        Optional.ofNullable(cluster),
        otlp,
        account,
        Optional.ofNullable(web.grafanaUrl()));
  }

  /** An entry of {@code models}: a model id, or {@code {match: GLOB}}. */
  record ModelEntry(ModelId id, ModelPattern match) {

    /** A string: as a delegate of another type, Jackson would hand it mappings too. */
    @JsonCreator
    static ModelEntry id(String id) {
      try {
        return new ModelEntry(new ModelId(id), null);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException(e.getMessage());
      }
    }

    @JsonCreator
    static ModelEntry pattern(@JsonProperty("match") ModelPattern match) {
      return new ModelEntry(null, match);
    }
  }

  /**
   * The {@code web:} section; a flag can override the listen address.
   *
   * @param grafanaUrl the Grafana that has the shipped dashboard; null when none is configured
   */
  record Web(
      @JsonProperty(defaultValue = ":9877") InetSocketAddress listenAddress, String grafanaUrl) {

    Web {
      if (grafanaUrl != null) {
        grafanaUrl = Upstream.httpUrl("grafana_url", grafanaUrl);
      }
    }
  }

  /**
   * The {@code {match: GLOB}} entries of {@code models}, {@code exclude_models} and the {@code
   * discovery:} section. Without patterns there is no discovery.
   */
  public record Discovery(
      List<ModelPattern> patterns,
      List<ModelPattern> exclusions,
      Duration interval,
      int maxModels) {

    public Discovery {
      patterns = List.copyOf(patterns);
      exclusions = List.copyOf(exclusions);
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new InvalidValueException("interval", "must be at least 1s");
      }
      InvalidValueException.between("max_models", maxModels, 1, MAX_MODELS);
    }

    /** The {@code discovery:} section; the patterns come from the top level. */
    @JsonCreator
    static Discovery section(
        @JsonProperty(value = "interval", defaultValue = "1h") Duration interval,
        @JsonProperty(value = "max_models", defaultValue = "500") int maxModels) {
      return new Discovery(List.of(), List.of(), interval, maxModels);
    }

    public boolean enabled() {
      return !patterns.isEmpty();
    }
  }

  /** The {@code openrouter:} section. */
  public record Upstream(
      @JsonProperty(defaultValue = "https://openrouter.ai/api/v1") String baseUrl,
      @JsonProperty("api_key_file") @JsonDeserialize(using = ApiKeyFile.class)
          Optional<Secret> apiKey,
      @JsonProperty(defaultValue = "10s") Duration timeout,
      @JsonProperty(defaultValue = "4") int maxConcurrentRequests,
      @JsonProperty(defaultValue = "120") int maxRequestsPerMinute,
      @JsonProperty(defaultValue = "8388608") int maxResponseBytes,
      @JsonProperty(defaultValue = "256") int maxEndpointsPerModel) {

    /** Far beyond any sane request, and far below what OkHttp accepts (about 24 days). */
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public Upstream {
      baseUrl = httpUrl("base_url", baseUrl);
      if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new InvalidValueException("timeout", "must be more than 0s and at most 1h");
      }
      InvalidValueException.between("max_concurrent_requests", maxConcurrentRequests, 1, 64);
      InvalidValueException.between("max_requests_per_minute", maxRequestsPerMinute, 1, 100_000);
      InvalidValueException.between("max_response_bytes", maxResponseBytes, 1024, 256 << 20);
      InvalidValueException.between("max_endpoints_per_model", maxEndpointsPerModel, 1, 100_000);
    }

    /** An http(s) URL to append paths to ({@link HttpUrls#parse}), without a trailing slash. */
    static String httpUrl(String key, String text) {
      HttpUrls.parse(key, text);
      return text.replaceFirst("/+$", "");
    }
  }

  /** The {@code poll:} section. */
  public record Poll(@JsonProperty(defaultValue = "60s") Duration interval, Duration staleAfter) {

    /**
     * @param staleAfter left out, three intervals but at least ten minutes
     */
    public Poll {
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new InvalidValueException("interval", "must be at least 1s");
      }
      if (staleAfter == null) {
        Duration threeIntervals = interval.multipliedBy(3);
        Duration tenMinutes = Duration.ofMinutes(10);
        staleAfter = threeIntervals.compareTo(tenMinutes) > 0 ? threeIntervals : tenMinutes;
      } else if (staleAfter.compareTo(interval) < 0) {
        throw new InvalidValueException("stale_after", "must be at least poll.interval");
      }
    }
  }

  /**
   * The {@code metrics:} section: which optional families to render, which to leave out, and which
   * percentiles the percentile families carry.
   *
   * @param supportedParameters {@code metrics.supported_parameters}: the supported-parameter and
   *     tool-choice families, about 10 to 20 series per endpoint
   * @param exclude {@code metrics.exclude}: families not to export; the metrics check that each
   *     names one that can be left out
   * @param percentiles {@code metrics.percentiles}: some of p50, p75, p90, p99, in any order
   */
  public record Metrics(
      @JsonProperty(defaultValue = "false") boolean supportedParameters,
      @JsonProperty(defaultValue = "[]") List<FamilyGlob> exclude,
      @JsonProperty(defaultValue = "[p50, p75, p90, p99]") List<String> percentiles) {

    /** The percentiles OpenRouter reports for latency and throughput. */
    public static final List<String> PERCENTILES = List.of("p50", "p75", "p90", "p99");

    public Metrics {
      for (int i = 0; i < exclude.size(); i++) {
        if (exclude.get(i) == null) {
          throw new InvalidValueException(
              "exclude[" + i + "]", "expected a family name or pattern");
        }
      }
      if (percentiles.isEmpty()) {
        throw new InvalidValueException(
            "percentiles",
            "must list at least one of "
                + String.join(", ", PERCENTILES)
                + " (to leave a family out, use metrics.exclude)");
      }
      for (int i = 0; i < percentiles.size(); i++) {
        String percentile = percentiles.get(i);
        if (percentile == null || !PERCENTILES.contains(percentile)) {
          throw new InvalidValueException(
              "percentiles[" + i + "]", "not one of " + String.join(", ", PERCENTILES));
        }
        if (percentiles.indexOf(percentile) < i) {
          throw new InvalidValueException("percentiles[" + i + "]", "duplicate percentile");
        }
      }
      exclude = List.copyOf(exclude);
      percentiles = List.copyOf(percentiles);
    }

    /**
     * Every family and every percentile, the opt-in families as {@code supportedParameters}. Not a
     * creator: Jackson would otherwise read {@code metrics: true} through it.
     */
    @JsonCreator(mode = JsonCreator.Mode.DISABLED)
    public Metrics(boolean supportedParameters) {
      this(supportedParameters, List.of(), PERCENTILES);
    }
  }

  /**
   * The {@code cluster:} section: replicas share the polling through Quartz's clustered job store
   * and the polls' results through a table, both in one PostgreSQL database.
   *
   * @param jdbcUrl {@code jdbc:postgresql://...}, without a password in it
   * @param password from {@code password_file}; empty when the server asks for none
   * @param instanceId this replica's name in the cluster, unique among the replicas; left out, host
   *     name and process id
   */
  public record Cluster(
      String jdbcUrl,
      String username,
      @JsonProperty("password_file") @JsonDeserialize(using = SecretFile.class)
          Optional<Secret> password,
      String instanceId) {

    /** Quartz stores it in a VARCHAR(200); it names the replica in logs and metrics. */
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** pgjdbc reads {@code password=} from the query, and user info is a password's other place. */
    private static final Pattern PASSWORD_IN_URL =
        Pattern.compile("(?i)([?&;]password=)|(//[^/]*@)");

    public Cluster {
      if (jdbcUrl == null || jdbcUrl.isBlank()) {
        throw new InvalidValueException("jdbc_url", "required with a cluster: section");
      }
      if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
        throw new InvalidValueException(
            "jdbc_url", "must start with jdbc:postgresql:// (PostgreSQL only)");
      }
      // The URL is logged and shown by --config.check; a password in it would go with it.
      if (PASSWORD_IN_URL.matcher(jdbcUrl).find()) {
        throw new InvalidValueException(
            "jdbc_url", "must not hold a password: use cluster.password_file");
      }
      if (username == null || username.isBlank()) {
        throw new InvalidValueException("username", "required with a cluster: section");
      }
      username = username.strip();
      instanceId = Objects.requireNonNullElseGet(instanceId, Hosts::instanceId);
      if (!INSTANCE_ID.matcher(instanceId).matches()) {
        throw new InvalidValueException(
            "instance_id",
            "must be 1 to 100 letters, digits and . _ : - (unique among the replicas)");
      }
    }
  }

  /**
   * The {@code account:} section: how often the account's figures are read ({@code GET /key} with
   * the API key; {@code GET /credits} and optionally {@code GET /activity} with the management
   * key).
   *
   * @param managementKey from {@code management_key_file}, or {@code OPENROUTER_MANAGEMENT_KEY},
   *     which wins; sent to the account paths only
   * @param activity whether {@code GET /activity} is read too; needs the management key
   */
  public record Account(
      @JsonProperty(defaultValue = "5m") Duration interval,
      @JsonProperty("management_key_file") @JsonDeserialize(using = ManagementKeyFile.class)
          Optional<Secret> managementKey,
      @JsonProperty(defaultValue = "false") boolean activity) {

    public Account {
      // Each read costs a request of the budget the model polls spend from.
      if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new InvalidValueException("interval", "must be at least 1m");
      }
      if (activity && managementKey.isEmpty()) {
        throw new InvalidValueException(
            "activity",
            "needs a management key (account.management_key_file or "
                + ManagementKeyFile.ENV
                + ")");
      }
    }
  }

  public ExporterConfig withListenAddress(InetSocketAddress address) {
    return new ExporterConfig(
        openrouter, poll, models, discovery, address, metrics, cluster, otlp, account, grafanaUrl);
  }
}
