package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jar's flags and exit codes, as a user or an init system sees them. */
class CommandLineIT {

  @TempDir Path dir;

  @Test
  void versionPrintsTheVersionAndExitsZero() throws Exception {
    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).startsWith("openrouter-exporter, version ");
  }

  @Test
  void helpListsEveryFlagAndExitsZero() throws Exception {
    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains(
            "--config.file", "--web.listen-address", "--config.check", "--version", "--log.level");
  }

  @Test
  void configCheckSummarisesAValidFileAndExitsZero() throws Exception {
    Path config =
        Scrapes.writeConfig(
            dir, "http://127.0.0.1:1/api/v1", List.of("a/b", "c/d:free"), "30s", "5m");

    ExporterProcess.Result result =
        ExporterProcess.run(
            Map.of("OPENROUTER_API_KEY", "sk-check-secret"),
            "--config.file=" + config,
            "--config.check");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).contains("a/b", "c/d:free").doesNotContain("sk-check-secret");
  }

  @Test
  void theShippedConfigurationPassesTheCheck() throws Exception {
    ExporterProcess.Result result =
        ExporterProcess.run(
            Map.of(), "--config.file=config/openrouter-exporter.yml", "--config.check");

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void anInvalidConfigurationStopsStartUpWithExitTwoNamingFileAndKey() throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(config, "poll:\n  interval: soon\nmodels: [a/b]\n");

    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--config.file=" + config);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains(config + ": poll.interval: ").doesNotContain("soon");
  }

  @Test
  void anUnknownFlagExitsTwo() throws Exception {
    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--web.listen-adress=:1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("--web.listen-adress");
  }

  @Test
  void aBadListenAddressFlagExitsTwo() throws Exception {
    Path config =
        Scrapes.writeConfig(dir, "http://127.0.0.1:1/api/v1", List.of("a/b"), "30s", "5m");

    ExporterProcess.Result result =
        ExporterProcess.run(
            Map.of(), "--config.file=" + config, "--web.listen-address=nohost:99999");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("--web.listen-address");
  }

  @Test
  void aListenAddressInUseExitsTwoNamingTheKey() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path config =
          Scrapes.writeConfig(dir, "http://127.0.0.1:1/api/v1", List.of("a/b"), "30s", "5m");

      ExporterProcess.Result result =
          ExporterProcess.run(
              Map.of(),
              "--config.file=" + config,
              "--web.listen-address=127.0.0.1:" + taken.getLocalPort());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output())
          .contains(
              "--web.listen-address: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + " (in use, or not an address of this host)");
    }
  }

  @Test
  void aListenAddressInUseFromTheFileNamesTheFileTheKeyAndTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path config =
          Scrapes.writeConfig(dir, "http://127.0.0.1:1/api/v1", List.of("a/b"), "30s", "5m");
      Files.writeString(
          config,
          Files.readString(config).replace("127.0.0.1:0", "127.0.0.1:" + taken.getLocalPort()));

      ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--config.file=" + config);

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output())
          .contains(
              config + ": web.listen_address: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void aDefaultListenAddressInUseSaysItIsTheDefaultAndNotSetInTheFile() throws Exception {
    ServerSocket taken;
    try {
      taken = new ServerSocket(9877);
    } catch (IOException inUse) {
      assumeTrue(false, "port 9877, the default, is taken by something else on this machine");
      return;
    }
    try (taken) {
      Path config =
          Scrapes.writeConfig(dir, "http://127.0.0.1:1/api/v1", List.of("a/b"), "30s", "5m");
      Files.writeString(
          config, Files.readString(config).replace("web:\n  listen_address: 127.0.0.1:0\n", ""));

      ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--config.file=" + config);

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output())
          .contains(
              "web.listen_address (the default; not set in "
                  + config
                  + "): cannot listen on :9877 (in use, or not an address of this host)");
    }
  }

  @Test
  void theDefaultLogFormatIsLogfmtWithPromslogKeys() throws Exception {
    Path config =
        Scrapes.writeConfig(dir, "http://127.0.0.1:1/api/v1", List.of("a/b"), "30s", "5m");

    try (ExporterProcess exporter = ExporterProcess.start(Map.of(), "--config.file=" + config)) {
      assertThat(exporter.output().lines())
          .anyMatch(
              line ->
                  line.matches(
                      "ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=info"
                          + " caller=Exporter\\.java:\\d+ msg=\"Listening on 127\\.0\\.0\\.1:\\d+;"
                          + " polling 1 models every 30s\""))
          .allMatch(line -> line.startsWith("ts="), "every line in logfmt");
    }
  }

  @Test
  void logFormatJsonWritesOneObjectPerLineWithTheSameKeys() throws Exception {
    Path config =
        Scrapes.writeConfig(dir, "http://127.0.0.1:1/api/v1", List.of("a/b"), "30s", "5m");

    try (ExporterProcess exporter =
        ExporterProcess.start(Map.of(), "--config.file=" + config, "--log.format=json")) {
      ObjectMapper json = new ObjectMapper();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : exporter.output().lines().toList()) {
        lines.add(json.readTree(line));
      }
      assertThat(lines)
          .allSatisfy(
              line ->
                  assertThat(line.fieldNames())
                      .toIterable()
                      .startsWith("ts", "level", "caller", "msg"))
          .anySatisfy(
              line -> {
                assertThat(line.get("level").asText()).isEqualTo("info");
                assertThat(line.get("msg").asText()).startsWith("Listening on 127.0.0.1:");
              });
    }
  }

  @Test
  @Timeout(120)
  void aConfigFileThatNeverAnswersStopsStartUpWithExitTwoNamingItWithinTheTimeLimit()
      throws Exception {
    Path config = Scrapes.pipeNobodyWritesTo(dir.resolve("exporter.yml"));

    long started = System.nanoTime();
    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--config.file=" + config);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output())
        .contains(config + ": not read within 10s (a pipe nobody writes to, or a hung mount?)");
    assertThat(took).isLessThan(Duration.ofSeconds(25));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          src/test/resources/config/invalid/not-a-number.yml | openrouter.timeout: not a finite number (.nan and .inf are not accepted)
          src/test/resources/config/invalid/infinity.yml     | openrouter.max_concurrent_requests: not a finite number (.nan and .inf are not accepted)
          /dev/zero                                          | larger than 1 MiB, the most read from a configuration file
          4-mib-scalar.yml                                   | larger than 1 MiB, the most read from a configuration file
          """)
  @Timeout(120)
  void aConfigurationEdgeExitsTwoNamingTheFileAndTheKey(String file, String problem)
      throws Exception {
    Path config = Path.of(file);
    if (file.equals("4-mib-scalar.yml")) {
      // SnakeYAML's time grows with the square of a scalar's length: minutes, were it parsed.
      config =
          Files.writeString(dir.resolve(file), "models: [a/b]\nx: " + "a".repeat(4 << 20) + "\n");
    }

    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--config.file=" + config);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output()).contains(config + ": " + problem);
  }

  @Test
  @Timeout(120)
  void anEmptyBasicAuthUsersMappingExitsTwoNamingTheKey() throws Exception {
    Path config =
        Scrapes.writeConfig(dir, "http://127.0.0.1:1/api/v1", List.of("a/b"), "30s", "5m");
    Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users: {}\n");

    ExporterProcess.Result result =
        ExporterProcess.run(
            Map.of(), "--config.file=" + config, "--web.config.file=" + web, "--config.check");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output())
        .contains(
            web
                + ": basic_auth_users: empty; list at least one user, or leave the key out for no"
                + " authentication");
  }

  @Test
  void theUpstreamCheckNamesAnIdTheCatalogLacksWithTheNearestAndExitsTwo() throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Path config =
          Scrapes.writeConfig(
              dir,
              upstream.baseUrl(),
              List.of("typesafe/jev-1.13", "typesafe/jev-1.31", "respan/span-01-lite:thinking"),
              "30s",
              "5m");

      ExporterProcess.Result result =
          ExporterProcess.run(
              Map.of("OPENROUTER_API_KEY", "sk-check-secret"),
              "--config.file=" + config,
              "--config.check",
              "--config.check.upstream");

      assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
      assertThat(result.output())
          .contains(
              "upstream " + upstream.baseUrl() + ": 8 models in the catalog; 1 of 3 configured",
              "models: typesafe/jev-1.31 is not in the catalog of upstream "
                  + upstream.baseUrl()
                  + "; did you mean typesafe/jev-1.13?",
              "models: respan/span-01-lite:thinking is not in the catalog of upstream "
                  + upstream.baseUrl()
                  + "; did you mean respan/span-01-lite?")
          .doesNotContain("sk-check-secret", "typesafe/jev-1.13 is not");
      // One read of the catalog, as the polls would send it.
      assertThat(upstream.requests()).hasSize(1);
      RecordedRequest request = upstream.requests().get(0);
      assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/models");
      assertThat(request.getUrl().queryParameter("output_modalities")).isEqualTo("all");
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-check-secret");
    }
  }

  @Test
  void theUpstreamCheckPassesWhenTheCatalogListsEveryIdAndTheCheckAloneStaysOffline()
      throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Path config =
          Scrapes.writeConfig(
              dir,
              upstream.baseUrl(),
              List.of("~typesafe/jev-latest", "respan/span-01-lite:free"),
              "30s",
              "5m");

      ExporterProcess.Result offline =
          ExporterProcess.run(Map.of(), "--config.file=" + config, "--config.check");
      assertThat(offline.exitCode()).as(offline.output()).isZero();
      assertThat(upstream.requests()).isEmpty();

      ExporterProcess.Result result =
          ExporterProcess.run(
              Map.of(), "--config.file=" + config, "--config.check", "--config.check.upstream");

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output())
          .contains("upstream " + upstream.baseUrl() + ": 8 models in the catalog; 2 of 2")
          .doesNotContain("is not in the catalog");
    }
  }

  @Test
  void theUpstreamCheckExitsTwoNamingTheUpstreamAndWhyWhenItCannotReadTheCatalog()
      throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      upstream.catalog(() -> new MockResponse.Builder().code(401).body("{}").build());
      Path refused =
          Scrapes.writeConfig(
              Files.createDirectory(dir.resolve("refused")),
              upstream.baseUrl(),
              List.of("a/b"),
              "30s",
              "5m");
      Path unreachable =
          Scrapes.writeConfig(
              Files.createDirectory(dir.resolve("unreachable")),
              "http://127.0.0.1:1/api/v1",
              List.of("a/b"),
              "30s",
              "5m");
      Map<String, String> key = Map.of("OPENROUTER_API_KEY", "sk-check-secret");

      ExporterProcess.Result error =
          ExporterProcess.run(
              key, "--config.file=" + refused, "--config.check", "--config.check.upstream");
      ExporterProcess.Result noAnswer =
          ExporterProcess.run(
              key, "--config.file=" + unreachable, "--config.check", "--config.check.upstream");

      assertThat(error.exitCode()).as(error.output()).isEqualTo(2);
      assertThat(error.output())
          .contains(
              "cannot read the model catalog of upstream " + upstream.baseUrl() + ": HTTP 401")
          .doesNotContain("sk-check-secret");
      assertThat(noAnswer.exitCode()).as(noAnswer.output()).isEqualTo(2);
      assertThat(noAnswer.output())
          .contains(
              "cannot read the model catalog of upstream http://127.0.0.1:1/api/v1: cannot"
                  + " connect to 127.0.0.1:1")
          .doesNotContain("sk-check-secret");
    }
  }
}
