package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

  @Test
  void anEmptyHostMeansEveryInterface() {
    InetSocketAddress address = ListenAddress.parse(":9877");

    assertThat(address.getAddress().isAnyLocalAddress()).isTrue();
    assertThat(address.getPort()).isEqualTo(9877);
  }

  @Test
  void anIpv4HostIsTakenAsIs() {
    assertThat(ListenAddress.parse("127.0.0.1:9100"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 9100));
  }

  @Test
  void aHostNameIsResolvedAndPortZeroAsksForAFreePort() {
    InetSocketAddress address = ListenAddress.parse("localhost:0");

    assertThat(address.isUnresolved()).isFalse();
    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
    assertThat(address.getPort()).isZero();
  }

  @Test
  void anIpv6HostIsBracketed() {
    InetSocketAddress address = ListenAddress.parse("[::1]:9877");

    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
    assertThat(address.getPort()).isEqualTo(9877);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "localhost",
        "9877",
        ":",
        ":65536",
        ":123456",
        ":-1",
        ":+80",
        ": 9877",
        "::1:9877",
        "[::1]",
        "[::1:9877",
        "localhost:http",
        "localhost:9877/metrics",
        "http://localhost:9877"
      })
  void rejectsAnythingNotOfTheFormHostColonPort(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ListenAddress.parse(text))
        .withMessage("not a listen address of the form [host]:port");
  }

  @Test
  void rejectsAHostThatDoesNotResolveWithoutNamingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ListenAddress.parse("exporter.invalid:9877"))
        .withMessage("host does not resolve to an address")
        .withMessageNotContaining("exporter.invalid");
  }

  @ParameterizedTest
  @CsvSource({
    ":9877, :9877",
    "127.0.0.1:9100, 127.0.0.1:9100",
    "localhost:0, localhost:0",
    "[::1]:9877, [0:0:0:0:0:0:0:1]:9877"
  })
  void formatsAnAddressInTheFormItIsParsedFrom(String text, String expected) {
    assertThat(ListenAddress.format(ListenAddress.parse(text))).isEqualTo(expected);
  }
}
