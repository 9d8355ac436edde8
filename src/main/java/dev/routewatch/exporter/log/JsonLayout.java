package dev.routewatch.exporter.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One JSON object per line, with the keys of the logfmt line, as promslog's JSON handler. */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String doLayout(ILoggingEvent event) {
    try {
      return JSON.writeValueAsString(LineFields.of(event)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }
}
