package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

  private static final ExporterConfig CONFIG =
      new ExporterConfig(
          new ExporterConfig.Upstream(
              "https://openrouter.ai/api/v1",
              Optional.empty(),
              Duration.ofSeconds(10),
              4,
              120,
              8388608,
              256),
          new ExporterConfig.Poll(Duration.ofSeconds(60), Duration.ofMinutes(10)),
          List.of(new ModelId("moonshotai/kimi-k3")),
          new ExporterConfig.Discovery(List.of(), List.of(), Duration.ofHours(1), 500),
          new InetSocketAddress(9877),
          new ExporterConfig.Metrics(false),
          Optional.empty(),
          new Otlp(
              Optional.empty(),
              Otlp.Protocol.HTTP_PROTOBUF,
              Duration.ofSeconds(60),
              Map.of(),
              Map.of()),
          new ExporterConfig.Account(Duration.ofMinutes(5), Optional.empty(), false),
          Optional.empty());

  @Test
  void noFlagsMeansTheDefaults() throws Exception {
    assertThat(CommandLine.parse(new String[0]))
        .isEqualTo(
            new CommandLine(
                Path.of("config/openrouter-exporter.yml"),
                List.of(),
                false,
                false,
                false,
                "info",
                false,
                Optional.empty(),
                "/metrics",
                "logfmt",
                false));
  }

  @Test
  void readsEveryFlagWithAnEqualsSign() throws Exception {
    CommandLine flags =
        CommandLine.parse(
            new String[] {
              "--config.file=/etc/exporter.yml",
              "--web.listen-address=127.0.0.1:9100",
              "--log.level=debug",
              "--config.check",
              "--version",
              "--help",
              "--web.enable-lifecycle",
              "--web.config.file=/etc/web.yml",
              "--web.telemetry-path=/probe/metrics",
              "--log.format=json",
              "--config.check.upstream"
            });

    assertThat(flags)
        .isEqualTo(
            new CommandLine(
                Path.of("/etc/exporter.yml"),
                List.of("127.0.0.1:9100"),
                true,
                true,
                true,
                "debug",
                true,
                Optional.of(Path.of("/etc/web.yml")),
                "/probe/metrics",
                "json",
                true));
  }

  @Test
  void readsAValueFromTheNextArgumentToo() throws Exception {
    CommandLine flags =
        CommandLine.parse(
            new String[] {
              "--config.file",
              "x.yml",
              "--web.listen-address",
              ":9100",
              "--log.level",
              "warn",
              "--log.format",
              "json"
            });

    assertThat(flags.configFile()).isEqualTo(Path.of("x.yml"));
    assertThat(flags.listenAddresses()).containsExactly(":9100");
    assertThat(flags.logLevel()).isEqualTo("warn");
    assertThat(flags.logFormat()).isEqualTo("json");
  }

  @Test
  void aValueMayItselfContainAnEqualsSign() throws Exception {
    assertThat(CommandLine.parse(new String[] {"--config.file=a=b.yml"}).configFile())
        .isEqualTo(Path.of("a=b.yml"));
  }

  @Test
  void theUpstreamCheckComesBeforeOrAfterTheCheck() throws Exception {
    assertThat(
            CommandLine.parse(new String[] {"--config.check.upstream", "--config.check"})
                .checkUpstream())
        .isTrue();
    assertThat(CommandLine.parse(new String[] {"--config.check"}).checkUpstream()).isFalse();
  }

  @Test
  void shortHAsksForHelp() throws Exception {
    assertThat(CommandLine.parse(new String[] {"-h"}).help()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "--web.listen_address=:9100, --web.listen_address: unknown flag",
    "--config=x.yml, --config: unknown flag",
    "-v, -v: unknown flag",
    "--config.file, --config.file: missing value",
    "--config.file=, --config.file: missing value",
    "--web.listen-address, --web.listen-address: missing value",
    "--log.level, --log.level: missing value",
    "--log.level=trace, '--log.level: must be one of debug, info, warn, error'",
    "--log.level=INFO, '--log.level: must be one of debug, info, warn, error'",
    "--log.format, --log.format: missing value",
    "--log.format=text, '--log.format: must be one of logfmt, json'",
    "--log.format=JSON, '--log.format: must be one of logfmt, json'",
    "--web.telemetry-path=metrics, '--web.telemetry-path: must be a path such as /metrics (letters, digits, . _ ~ - between slashes), other than /, /-/healthy, /-/ready, /-/reload'",
    "--web.telemetry-path=/-/ready, '--web.telemetry-path: must be a path such as /metrics (letters, digits, . _ ~ - between slashes), other than /, /-/healthy, /-/ready, /-/reload'",
    "--web.telemetry-path=/a?b, '--web.telemetry-path: must be a path such as /metrics (letters, digits, . _ ~ - between slashes), other than /, /-/healthy, /-/ready, /-/reload'",
    "--config.check=true, --config.check: takes no value",
    "--config.check.upstream=true, --config.check.upstream: takes no value",
    "--config.check.upstream, --config.check.upstream: only with --config.check",
    "--version=1, --version: takes no value",
    "config.yml, unexpected argument; flags start with --"
  })
  void rejectsABadCommandLineNamingTheFlag(String arg, String message) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> CommandLine.parse(new String[] {arg}))
        .withMessage(message);
  }

  @Test
  void theListenAddressFlagOverridesTheFile() throws Exception {
    CommandLine flags = CommandLine.parse(new String[] {"--web.listen-address=127.0.0.1:9100"});

    assertThat(flags.applyTo(CONFIG).listenAddress())
        .isEqualTo(new InetSocketAddress("127.0.0.1", 9100));
  }

  @Test
  void aRepeatedListenAddressFlagServesEachAddressTheFirstInPlaceOfTheFile() throws Exception {
    CommandLine flags =
        CommandLine.parse(
            new String[] {
              "--web.listen-address=127.0.0.1:9100",
              "--web.listen-address",
              "[::1]:9101",
              "--web.listen-address=:9102"
            });

    assertThat(flags.applyTo(CONFIG).listenAddress())
        .isEqualTo(new InetSocketAddress("127.0.0.1", 9100));
    assertThat(flags.webFlags())
        .isEqualTo(
            new WebFlags(
                List.of(new InetSocketAddress("::1", 9101), new InetSocketAddress(9102)),
                "/metrics"));
  }

  @Test
  void withoutWebFlagsOneAddressServesTheMetricsOnSlashMetrics() throws Exception {
    assertThat(CommandLine.parse(new String[0]).webFlags()).isEqualTo(WebFlags.DEFAULTS);
  }

  @Test
  void aBadSecondListenAddressIsRejectedNamingTheFlag() throws Exception {
    CommandLine flags =
        CommandLine.parse(new String[] {"--web.listen-address=:9100", "--web.listen-address=9101"});

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(flags::webFlags)
        .withMessageStartingWith("--web.listen-address: ")
        .withMessageNotContaining("9101");
  }

  @Test
  void withoutFlagsTheConfigurationIsLeftAsLoaded() throws Exception {
    assertThat(CommandLine.parse(new String[0]).applyTo(CONFIG)).isSameAs(CONFIG);
  }

  @ParameterizedTest
  @ValueSource(strings = {"9100", "localhost", ":70000", "::1:9100"})
  void aBadListenAddressFlagIsRejectedWithoutQuotingIt(String address) throws Exception {
    CommandLine flags = CommandLine.parse(new String[] {"--web.listen-address=" + address});

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> flags.applyTo(CONFIG))
        .withMessage("--web.listen-address: not a listen address of the form [host]:port")
        .withMessageNotContaining(address);
  }

  @Test
  void usageListsEveryFlagWithItsDefault() {
    assertThat(CommandLine.usage())
        .contains("-h, --help")
        .contains("--config.file=\"config/openrouter-exporter.yml\"")
        .contains("--config.check")
        .contains("--config.check.upstream")
        .contains("Exit codes: 0")
        .contains("--web.listen-address=[HOST]:PORT")
        .contains("(default \":9877\")")
        .contains("--log.level=info")
        .contains("[debug, info, warn, error]")
        .contains("--log.format=logfmt")
        .contains("[logfmt, json]")
        .contains("--web.enable-lifecycle")
        .contains("--web.config.file=\"\"")
        .contains("--version");
  }
}
