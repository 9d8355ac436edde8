package dev.routewatch.exporter.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;

/**
 * One logfmt line per event ({@code key=value} pairs, https://brandur.org/logfmt), quoted as Go's
 * log/slog text handler under promslog quotes: a value that is empty or holds a space, {@code =},
 * {@code "} or a control character is written in double quotes with Go's escapes ({@code
 * strconv.Quote}).
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    for (Map.Entry<String, String> field : LineFields.of(event).entrySet()) {
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(field.getKey()).append('=');
      appendValue(line, field.getValue());
    }
    return line.append('\n').toString();
  }

  static void appendValue(StringBuilder line, String value) {
    if (!needsQuotes(value)) {
      line.append(value);
      return;
    }
    line.append('"');
    value
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                  if (Character.isISOControl(c)) {
                    line.append(String.format(c < 0x80 ? "\\x%02x" : "\\u%04x", c));
                  } else {
                    line.appendCodePoint(c);
                  }
                }
              }
            });
    line.append('"');
  }

  private static boolean needsQuotes(String value) {
    return value.isEmpty()
        || value
            .codePoints()
            .anyMatch(
                c ->
                    c == '=' || c == '"' || Character.isWhitespace(c) || Character.isISOControl(c));
  }
}
