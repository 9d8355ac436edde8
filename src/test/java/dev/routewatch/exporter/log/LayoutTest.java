package dev.routewatch.exporter.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LayoutTest {

  private static final Instant AT = Instant.parse("2026-12-02T15:04:05.123Z");
  private static final StackTraceElement CALLER =
      new StackTraceElement("dev.routewatch.exporter.Exporter", "start", "Exporter.java", 134);

  private final LoggerContext context = new LoggerContext();

  @Test
  void logfmtWritesPromslogKeysInOrderAndQuotesOnlyWhatNeedsIt() {
    String line = new LogfmtLayout().doLayout(event(Level.INFO, "Listening on :9877", null));

    assertThat(line)
        .isEqualTo(
            "ts=2026-12-02T15:04:05.123Z level=info caller=Exporter.java:134"
                + " msg=\"Listening on :9877\"\n");
    assertThat(new LogfmtLayout().doLayout(event(Level.WARN, "stopped", null)))
        .contains(" level=warn ")
        .endsWith(" msg=stopped\n");
  }

  @Test
  void logfmtEscapesQuotesBackslashesNewlinesAndEquals() {
    String line =
        new LogfmtLayout()
            .doLayout(event(Level.ERROR, "bad \"model\" a=b\\c\nnext\tline\u001b", null));

    assertThat(line)
        .endsWith(" msg=\"bad \\\"model\\\" a=b\\\\c\\nnext\\tline\\x1b\"\n")
        .doesNotContain("\nnext");
    assertThat(new LogfmtLayout().doLayout(event(Level.INFO, "a=b", null)))
        .endsWith(" msg=\"a=b\"\n");
    assertThat(new LogfmtLayout().doLayout(event(Level.INFO, "", null))).endsWith(" msg=\"\"\n");
  }

  @Test
  void logfmtCarriesTheStackTraceOnTheSameLine() {
    String line =
        new LogfmtLayout()
            .doLayout(
                event(
                    Level.ERROR, "Could not start", new IllegalStateException("port \"in use\"")));

    assertThat(line)
        .startsWith("ts=2026-12-02T15:04:05.123Z level=error caller=Exporter.java:134")
        .contains(
            " msg=\"Could not start\" err=\"java.lang.IllegalStateException: port \\\"in use\\\"\\n\\tat dev.routewatch.exporter.log.LayoutTest.")
        .endsWith("\"\n")
        .hasLineCount(1);
  }

  @Test
  void jsonWritesOneObjectPerLineWithTheSameKeys() throws IOException {
    String line =
        new JsonLayout()
            .doLayout(event(Level.ERROR, "bad \"model\"\nnext", new IllegalStateException("boom")));

    assertThat(line).endsWith("}\n").hasLineCount(1);
    JsonNode object = new ObjectMapper().readTree(line);
    assertThat(object.fieldNames())
        .toIterable()
        .containsExactly("ts", "level", "caller", "msg", "err");
    assertThat(object.get("ts").asText()).isEqualTo("2026-12-02T15:04:05.123Z");
    assertThat(object.get("level").asText()).isEqualTo("error");
    assertThat(object.get("caller").asText()).isEqualTo("Exporter.java:134");
    assertThat(object.get("msg").asText()).isEqualTo("bad \"model\"\nnext");
    assertThat(object.get("err").asText())
        .startsWith("java.lang.IllegalStateException: boom\n\tat dev.routewatch.exporter.log.");
  }

  @Test
  void jsonLeavesOutTheErrorWithoutAnException() throws IOException {
    JsonNode object =
        new ObjectMapper().readTree(new JsonLayout().doLayout(event(Level.DEBUG, "polled", null)));

    assertThat(object.fieldNames()).toIterable().containsExactly("ts", "level", "caller", "msg");
    assertThat(object.get("level").asText()).isEqualTo("debug");
  }

  private LoggingEvent event(Level level, String message, Throwable thrown) {
    LoggingEvent event =
        new LoggingEvent(
            LayoutTest.class.getName(),
            context.getLogger("dev.routewatch.exporter.Exporter"),
            level,
            message,
            thrown,
            null);
    event.setInstant(AT);
    event.setCallerData(new StackTraceElement[] {CALLER});
    return event;
  }
}
