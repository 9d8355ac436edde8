package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where in the YAML a problem is, spelt as the user wrote the keys: {@code poll.interval}, {@code
 * models[2]}. Built from Jackson's path, never from its message, which quotes the value.
 */
final class KeyPath {

  private KeyPath() {}

  static String of(List<JsonMappingException.Reference> path) {
    StringBuilder key = new StringBuilder();
    for (JsonMappingException.Reference step : path) {
      if (step.getFieldName() != null) {
        key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
      } else {
        key.append('[').append(step.getIndex()).append(']');
      }
    }
    return key.toString();
  }

  /** The path to a record, then {@code key} within it ({@code stale_after}, {@code [2]}). */
  static String of(List<JsonMappingException.Reference> path, String key) {
    String record = of(path);
    if (record.isEmpty() || key.isEmpty()) {
      return record + key;
    }
    return record + (key.startsWith("[") ? "" : ".") + key;
  }

  static String of(JsonStreamContext context) {
    Deque<String> steps = new ArrayDeque<>();
    for (JsonStreamContext step = context; !step.inRoot(); step = step.getParent()) {
      steps.push(
          step.inObject() ? "." + step.getCurrentName() : "[" + step.getCurrentIndex() + "]");
    }
    return String.join("", steps).replaceFirst("^\\.", "");
  }
}
