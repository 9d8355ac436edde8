package dev.routewatch.exporter.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a log line in the order and keys of Prometheus' promslog in its go-kit style:
 * {@code ts} (UTC, milliseconds), {@code level} (lower case), {@code caller} (file and line),
 * {@code msg}, and {@code err} with the stack trace when an exception was logged.
 */
final class LineFields {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private LineFields() {}

  static Map<String, String> of(ILoggingEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("ts", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
    fields.put("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
    StackTraceElement[] callers = event.getCallerData();
    if (callers.length > 0 && callers[0].getFileName() != null) {
      fields.put("caller", callers[0].getFileName() + ":" + callers[0].getLineNumber());
    }
    fields.put("msg", event.getFormattedMessage());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      fields.put("err", ThrowableProxyUtil.asString(thrown).stripTrailing());
    }
    return fields;
  }
}
