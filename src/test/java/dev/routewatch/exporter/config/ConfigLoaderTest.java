package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  private static final Path VALID = Path.of("src/test/resources/config/valid");
  private static final Path INVALID = Path.of("src/test/resources/config/invalid");
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void onlyModelsIsRequiredAndEverythingElseHasItsDocumentedDefault() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("minimal.yml"), NO_ENV);

    assertThat(config.openrouter())
        .isEqualTo(
            new ExporterConfig.Upstream(
                "https://openrouter.ai/api/v1",
                Optional.empty(),
                Duration.ofSeconds(10),
                4,
                120,
                8388608,
                256));
    assertThat(config.poll())
        .isEqualTo(new ExporterConfig.Poll(Duration.ofSeconds(60), Duration.ofMinutes(10)));
    assertThat(config.models()).containsExactly(new ModelId("moonshotai/kimi-k3"));
    assertThat(config.listenAddress()).isEqualTo(new InetSocketAddress(9877));
    assertThat(config.metrics()).isEqualTo(new ExporterConfig.Metrics(false));
    assertThat(config.account())
        .isEqualTo(new ExporterConfig.Account(Duration.ofMinutes(5), Optional.empty(), false));
  }

  @Test
  void modelsMayMixIdsAndPatternsWithExclusionsAndDiscoveryBounds() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("patterns.yml"), NO_ENV);

    assertThat(config.models()).containsExactly(new ModelId("moonshotai/kimi-k3"));
    assertThat(config.discovery())
        .isEqualTo(
            new ExporterConfig.Discovery(
                List.of(new ModelPattern("anthropic/*"), new ModelPattern("*:free")),
                List.of(new ModelPattern("*-lite:free"), new ModelPattern("moonshotai/*")),
                Duration.ofMinutes(30),
                50));
  }

  @Test
  void withoutPatternsThereIsNoDiscovery() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("minimal.yml"), NO_ENV);

    assertThat(config.discovery().enabled()).isFalse();
    assertThat(config.discovery().interval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.discovery().maxModels()).isEqualTo(500);
  }

  @Test
  void everyKeyCanBeSet() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("full.yml"), NO_ENV);

    ExporterConfig.Upstream upstream = config.openrouter();
    assertThat(upstream.baseUrl()).isEqualTo("http://localhost:8080/api/v1");
    assertThat(upstream.apiKey()).map(Secret::reveal).contains("sk-or-v1-full-file-key");
    assertThat(upstream.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(upstream.maxConcurrentRequests()).isEqualTo(8);
    assertThat(upstream.maxRequestsPerMinute()).isEqualTo(600);
    assertThat(upstream.maxResponseBytes()).isEqualTo(1048576);
    assertThat(upstream.maxEndpointsPerModel()).isEqualTo(64);
    assertThat(config.poll())
        .isEqualTo(new ExporterConfig.Poll(Duration.ofMinutes(2), Duration.ofMinutes(90)));
    assertThat(config.models())
        .containsExactly(
            new ModelId("moonshotai/kimi-k3"), new ModelId("anthropic/claude-sonnet-4.5"));
    assertThat(config.listenAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 9100));
    assertThat(config.grafanaUrl()).contains("https://grafana.example.com");
    assertThat(config.metrics()).isEqualTo(new ExporterConfig.Metrics(true));
    assertThat(config.account().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.account().managementKey())
        .map(Secret::reveal)
        .contains("sk-or-v1-full-management-key");
    assertThat(config.account().activity()).isTrue();
  }

  @Test
  void staleAfterDefaultsToThreeIntervalsWhenThatIsMoreThanTenMinutes() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("long-interval.yml"), NO_ENV);

    assertThat(config.poll().staleAfter()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void acceptsModelIdsWithVariantsDotsAndAliasTildes() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("model-ids.yml"), NO_ENV);

    assertThat(config.models())
        .extracting(ModelId::value)
        .containsExactly(
            "moonshotai/kimi-k3",
            "nex-agi/nex-n2.5-pro:free",
            "~typesafe/jev-latest",
            "deepseek/deepseek-chat-v3.1",
            "anthropic/claude-sonnet-4.5",
            "meta-llama/llama-3.3-70b-instruct");
  }

  @Test
  void acceptsABracketedIpv6ListenAddress() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("ipv6-listen-address.yml"), NO_ENV);

    assertThat(config.listenAddress().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void theKeyFileIsStrippedOfSurroundingWhitespace() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("full.yml"), NO_ENV);

    assertThat(config.openrouter().apiKey()).map(Secret::reveal).contains("sk-or-v1-full-file-key");
  }

  @Test
  void theKeyFromTheEnvironmentWinsOverTheKeyFile() throws Exception {
    ExporterConfig config =
        ConfigLoader.load(VALID.resolve("full.yml"), Map.of("OPENROUTER_API_KEY", "sk-or-v1-env"));

    assertThat(config.openrouter().apiKey()).map(Secret::reveal).contains("sk-or-v1-env");
  }

  @Test
  void aKeyFileIsNotReadAtAllWhenTheEnvironmentHasTheKey() throws Exception {
    ExporterConfig config =
        ConfigLoader.load(
            INVALID.resolve("api-key-file-missing.yml"),
            Map.of("OPENROUTER_API_KEY", "sk-or-v1-env"));

    assertThat(config.openrouter().apiKey()).map(Secret::reveal).contains("sk-or-v1-env");
  }

  @Test
  void theManagementKeyFromTheEnvironmentWinsOverAMissingFile() throws Exception {
    ExporterConfig config =
        ConfigLoader.load(
            INVALID.resolve("management-key-file-missing.yml"),
            Map.of("OPENROUTER_MANAGEMENT_KEY", "sk-or-v1-management-env"));

    assertThat(config.account().managementKey())
        .map(Secret::reveal)
        .contains("sk-or-v1-management-env");
    assertThat(config.openrouter().apiKey()).isEmpty();
  }

  @Test
  void aBlankEnvironmentVariableLeavesTheKeyToTheFile() throws Exception {
    ExporterConfig config =
        ConfigLoader.load(VALID.resolve("full.yml"), Map.of("OPENROUTER_API_KEY", " \n"));

    assertThat(config.openrouter().apiKey()).map(Secret::reveal).contains("sk-or-v1-full-file-key");
  }

  @Test
  void aKeyFromTheEnvironmentThatCannotGoInAHeaderStopsStartUpWithoutShowingIt() {
    Path file = VALID.resolve("minimal.yml");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(file, Map.of("OPENROUTER_API_KEY", "sk-SECRÉT")))
        .withMessage(
            file + ": OPENROUTER_API_KEY: the key has characters not allowed in an HTTP header")
        .withMessageNotContaining("SECR");
  }

  @Test
  void theEnvironmentAloneCanSupplyTheKey() throws Exception {
    ExporterConfig config =
        ConfigLoader.load(
            VALID.resolve("minimal.yml"), Map.of("OPENROUTER_API_KEY", "sk-or-v1-env"));

    assertThat(config.openrouter().apiKey()).map(Secret::reveal).contains("sk-or-v1-env");
  }

  @Test
  void theKeyNeverShowsInTheConfigurationsToString() throws Exception {
    ExporterConfig fromFile = ConfigLoader.load(VALID.resolve("full.yml"), NO_ENV);
    ExporterConfig fromEnv =
        ConfigLoader.load(
            VALID.resolve("minimal.yml"), Map.of("OPENROUTER_API_KEY", "sk-or-v1-env"));

    assertThat(fromFile.toString()).doesNotContain("sk-or-v1-full-file-key").contains("REDACTED");
    assertThat(fromEnv.toString()).doesNotContain("sk-or-v1-env").contains("REDACTED");
  }

  @Test
  void theShippedConfigurationIsValid() throws Exception {
    ExporterConfig config = ConfigLoader.load(Path.of("config/openrouter-exporter.yml"), NO_ENV);

    assertThat(config.openrouter().apiKey()).isEmpty();
    assertThat(config.listenAddress()).isEqualTo(new InetSocketAddress(9877));
    assertThat(config.models())
        .extracting(ModelId::value)
        .containsExactly(
            "moonshotai/kimi-k3",
            "anthropic/claude-sonnet-4.5",
            "openai/gpt-4o-mini",
            "google/gemini-2.5-flash",
            "deepseek/deepseek-chat-v3.1",
            "deepseek/deepseek-chat-v3.1:free",
            "meta-llama/llama-3.3-70b-instruct");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown-top-level-key.yml            | scrape: unknown key
          unknown-nested-key.yml               | poll.intervall: unknown key; did you mean poll.interval?
          key-in-wrong-section.yml             | poll.timeout: unknown key; did you mean openrouter.timeout?
          listen-address-at-top-level.yml      | listen_address: unknown key; did you mean web.listen_address?
          discovery-patterns.yml               | discovery.patterns: unknown key
          string-where-integer.yml             | openrouter.max_concurrent_requests: expected an integer
          quoted-integer.yml                   | openrouter.max_requests_per_minute: expected an integer
          fraction-where-integer.yml           | openrouter.max_concurrent_requests: expected an integer
          integer-too-large.yml                | openrouter.max_requests_per_minute: number out of range
          not-a-number.yml                     | openrouter.timeout: not a finite number (.nan and .inf are not accepted)
          infinity.yml                         | openrouter.max_concurrent_requests: not a finite number (.nan and .inf are not accepted)
          list-where-mapping.yml               | poll: expected a mapping
          mapping-where-list.yml               | models: expected a list
          mapping-where-string.yml             | poll.interval: expected a string
          mapping-where-model-id.yml           | models[0].id: unknown key
          bad-duration.yml                     | poll.interval: not a duration (e.g. 30s, 5m, 1h)
          duration-without-unit.yml            | openrouter.timeout: not a duration (e.g. 30s, 5m, 1h)
          duration-out-of-range.yml            | poll.stale_after: duration out of range
          zero-timeout.yml                     | openrouter.timeout: must be more than 0s and at most 1h
          timeout-too-long.yml                 | openrouter.timeout: must be more than 0s and at most 1h
          interval-below-one-second.yml        | poll.interval: must be at least 1s
          stale-after-below-interval.yml       | poll.stale_after: must be at least poll.interval
          zero-concurrency.yml                 | openrouter.max_concurrent_requests: must be between 1 and 64
          negative-concurrency.yml             | openrouter.max_concurrent_requests: must be between 1 and 64
          too-much-concurrency.yml             | openrouter.max_concurrent_requests: must be between 1 and 64
          zero-budget.yml                      | openrouter.max_requests_per_minute: must be between 1 and 100000
          budget-too-large.yml                 | openrouter.max_requests_per_minute: must be between 1 and 100000
          response-cap-too-small.yml           | openrouter.max_response_bytes: must be between 1024 and 268435456
          endpoint-cap-zero.yml                | openrouter.max_endpoints_per_model: must be between 1 and 100000
          empty-models.yml                     | models: must list at least one model
          models-missing.yml                   | models: must list at least one model
          duplicate-model.yml                  | models[2]: duplicate model id
          duplicate-pattern.yml                | models[1].match: duplicate pattern
          bad-pattern.yml                      | models[0].match: not a model pattern (letters, digits, . _ : ~ / - and the wildcards * ?)
          pattern-unknown-key.yml              | models[0].matches: unknown key
          empty-model-entry.yml                | models[0]: expected a model id or {match: PATTERN}
          bad-exclusion.yml                    | exclude_models[0]: not a model pattern (letters, digits, . _ : ~ / - and the wildcards * ?)
          discovery-interval-too-short.yml     | discovery.interval: must be at least 1s
          zero-max-models.yml                  | discovery.max_models: must be between 1 and 10000
          model-id-without-slash.yml           | models[0]: not a model id of the form author/slug
          model-id-with-two-slashes.yml        | models[1]: not a model id of the form author/slug
          model-id-as-url.yml                  | models[0]: a URL, not a model id; write the id alone: moonshotai/kimi-k3
          model-id-without-slug.yml            | models[0]: not a model id of the form author/slug
          model-id-as-api-url.yml              | models[1]: a URL, not a model id; write the id alone: moonshotai/kimi-k2:free
          model-id-with-space.yml              | models[0]: not a model id of the form author/slug
          model-id-with-two-variants.yml       | models[0]: not a model id of the form author/slug
          model-id-null.yml                    | models[1]: expected a model id or {match: PATTERN}
          base-url-without-scheme.yml          | openrouter.base_url: not an http or https URL
          base-url-ftp.yml                     | openrouter.base_url: not an http or https URL
          base-url-with-user-info.yml          | openrouter.base_url: must have no user info, query or fragment
          base-url-with-query.yml              | openrouter.base_url: must have no user info, query or fragment
          base-url-bad-port.yml                | openrouter.base_url: not an http or https URL
          api-key-file-two-lines.yml           | openrouter.api_key_file: the key has characters not allowed in an HTTP header
          account-interval-below-one-minute.yml | account.interval: must be at least 1m
          account-activity-without-management-key.yml | account.activity: needs a management key (account.management_key_file or OPENROUTER_MANAGEMENT_KEY)
          listen-address-without-port.yml      | web.listen_address: not a listen address of the form [host]:port
          listen-address-port-too-large.yml    | web.listen_address: not a listen address of the form [host]:port
          listen-address-unbracketed-ipv6.yml  | web.listen_address: not a listen address of the form [host]:port
          listen-address-unresolvable.yml      | web.listen_address: host does not resolve to an address
          grafana-url-with-user-info.yml       | web.grafana_url: must have no user info, query or fragment
          grafana-url-not-http.yml             | web.grafana_url: not an http or https URL
          metrics-quoted-boolean.yml           | metrics.supported_parameters: expected true or false
          metrics-number-where-boolean.yml     | metrics.supported_parameters: expected true or false
          metrics-string-where-boolean.yml     | metrics.supported_parameters: expected true or false
          metrics-unknown-key.yml              | metrics.supported_parameter: unknown key; did you mean metrics.supported_parameters?
          metrics-not-a-mapping.yml            | metrics: expected a mapping
          api-key-file-missing.yml             | openrouter.api_key_file: no such file
          api-key-file-unreadable.yml          | openrouter.api_key_file: cannot read the file
          api-key-file-empty.yml               | openrouter.api_key_file: empty file
          management-key-file-missing.yml      | account.management_key_file: no such file
          yaml-syntax-error.yml                | line 3, column 32: YAML syntax error
          tab-indentation.yml                  | line 2, column 1: a tab character; YAML indents with spaces only
          tab-after-spaces.yml                 | line 4, column 3: a tab character; YAML indents with spaces only
          unclosed-flow-sequence.yml           | line 2, column 5: YAML syntax error
          duplicate-key.yml                    | poll.interval: duplicate key
          duplicate-section.yml                | web: duplicate key
          duplicate-list.yml                   | models: duplicate key
          two-documents.yml                    | more than one YAML document
          empty.yml                            | empty file
          comments-only.yml                    | empty file
          list-at-top-level.yml                | not a YAML mapping
          scalar-at-top-level.yml              | not a YAML mapping
          not-utf8.yml                         | not UTF-8 text
          no-such-file.yml                     | no such file
          """)
  void rejectsAnInvalidFileNamingTheFileTheKeyAndTheProblem(String name, String problem) {
    Path file = INVALID.resolve(name);

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(file, NO_ENV))
        .withMessage(file + ": " + problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown-top-level-key.yml        | 45s
          string-where-integer.yml         | eight
          integer-too-large.yml            | 99999999999
          bad-duration.yml                 | 1.5m
          duration-out-of-range.yml        | 99999999y
          negative-concurrency.yml         | -7
          model-id-as-url.yml              | https://openrouter.ai
          model-id-with-space.yml          | kimi k3
          base-url-with-user-info.yml      | sk-or-v1-in-url
          base-url-with-query.yml          | sk-or-v1-in-query
          listen-address-unresolvable.yml  | exporter.invalid
          grafana-url-with-user-info.yml   | s3cret
          api-key-file-missing.yml         | no-such-api-key.txt
          yaml-syntax-error.yml            | sk-or-v1-pasted
          duplicate-key.yml                | 90s
          api-key-file-two-lines.yml       | sk-or-v1-first
          metrics-string-where-boolean.yml | sk-or-v1-pasted-here
          """)
  void neverQuotesAConfiguredValue(String name, String value) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(INVALID.resolve(name), NO_ENV))
        .withMessageNotContaining(value)
        .withNoCause();
  }

  @Test
  @Timeout(60)
  void aFileLargerThanOneMebibyteIsRefusedNamingTheFile(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("huge.yml");
    String models = "models: [moonshotai/kimi-k3]\n";
    Files.writeString(file, models + "#".repeat((1 << 20) - models.length()) + "\n");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(file, NO_ENV))
        .withMessage(file + ": larger than 1 MiB, the most read from a configuration file");
  }

  @Test
  @Timeout(60)
  void aFileOfExactlyOneMebibyteIsRead(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("large.yml");
    String models = "models: [moonshotai/kimi-k3]\n";
    Files.writeString(file, models + "#".repeat((1 << 20) - models.length()));

    assertThat(ConfigLoader.load(file, NO_ENV).models()).hasSize(1);
  }

  @Test
  @Timeout(60)
  void moreExplicitModelsThanTheCapAreRefusedNamingTheCountAndTheCap(@TempDir Path directory)
      throws Exception {
    Path atCap = modelList(directory.resolve("at-cap.yml"), 10_000);
    Path overCap = modelList(directory.resolve("over-cap.yml"), 10_001);

    assertThat(ConfigLoader.load(atCap, NO_ENV).models()).hasSize(10_000);
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(overCap, NO_ENV))
        .withMessage(
            overCap
                + ": models: 10001 model ids, more than the 10000 allowed; list fewer, or choose"
                + " them with {match: PATTERN} entries");
  }

  private static Path modelList(Path file, int count) throws IOException {
    StringBuilder text = new StringBuilder("models:\n");
    for (int i = 0; i < count; i++) {
      text.append("  - author/model-").append(i).append('\n');
    }
    return Files.writeString(file, text);
  }

  @Test
  void aFileThatCannotBeReadIsNamed(@TempDir Path directory) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(directory, NO_ENV))
        .withMessage(directory + ": cannot read the file");
  }
}
