package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtcWindowTest {

  private static UtcWindow window(String start, String end) {
    return UtcWindow.of(new BigDecimal(start), new BigDecimal(end)).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
    "1030, 1200, 10:29:59, false",
    "1030, 1200, 10:30,    true",
    "1030, 1200, 11:59:59, true",
    "1030, 1200, 12:00,    false",
    "0,    1200, 00:00,    true",
    "1200, 0,    12:00,    true",
    "1200, 0,    23:59:59, true",
    "1200, 0,    00:00,    false",
  })
  void aWindowIsHalfOpenFromItsStartToItsEnd(
      String start, String end, LocalTime utc, boolean inside) {
    assertThat(window(start, end).contains(utc)).isEqualTo(inside);
  }

  @ParameterizedTest
  @CsvSource({
    "1630, 30, 16:29, false",
    "1630, 30, 16:30, true",
    "1630, 30, 23:59, true",
    "1630, 30, 00:00, true",
    "1630, 30, 00:29, true",
    "1630, 30, 00:30, false",
    "1630, 30, 12:00, false",
  })
  void aWindowWhoseStartIsAfterItsEndWrapsPastMidnight(
      String start, String end, LocalTime utc, boolean inside) {
    assertThat(window(start, end).contains(utc)).isEqualTo(inside);
  }

  @ParameterizedTest
  @CsvSource({
    "900,    900,  an empty window",
    "0,      0,    an empty window at midnight",
    "1060,   1200, sixty minutes",
    "2400,   100,  no hour 24",
    "-100,   100,  negative",
    "1030.5, 1200, not whole",
    "100,    99999, far past a day",
  })
  void clockNumbersThatAreNoTimeOfDayOrTheSameGiveNoWindow(String start, String end, String why) {
    assertThat(UtcWindow.of(new BigDecimal(start), new BigDecimal(end))).as(why).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1030.0, 1200, 630", "0, 2359, 0", "0030, 0, 30"})
  void wholeClockNumbersWrittenAsDecimalsAreRead(String start, String end, int startMinute) {
    assertThat(window(start, end).start()).isEqualTo(startMinute);
  }
}
