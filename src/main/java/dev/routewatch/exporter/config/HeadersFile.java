package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code otlp.headers_file}: a file of {@code Name: value} lines, such as an authorization header
 * for a hosted collector, read into headers whose values are secrets. Blank lines and lines
 * starting with {@code #} are skipped. A relative path is taken from the configuration file's
 * directory; left out or empty, there are no headers. A problem names the line, never its text.
 */
final class HeadersFile extends StdDeserializer<Map<String, Secret>> {

  /** A field name is a token (RFC 9110, section 5.1); the value is visible ASCII, spaces, tabs. */
  private static final Pattern HEADER =
      Pattern.compile(
          "([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*([\\x20-\\x7e\\t]*[\\x21-\\x7e])[ \\t]*");

  HeadersFile() {
    super(Map.class);
  }

  @Override
  public Map<String, Secret> deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    String name = ctxt.readValue(p, String.class);
    if (name.isEmpty()) {
      return Map.of();
    }
    Path path;
    try {
      path = ((Path) ctxt.getAttribute(SecretFile.CONFIG_FILE)).resolveSibling(name);
    } catch (InvalidPathException e) {
      throw new InvalidValueException("not a file path");
    }
    return headers(TextFile.read(path, InvalidValueException::new));
  }

  static Map<String, Secret> headers(String content) {
    Map<String, Secret> headers = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher header = HEADER.matcher(line);
      if (!header.matches()) {
        throw new InvalidValueException("line " + (i + 1) + ": not a header line Name: value");
      }
      // Header names are case-insensitive (RFC 9110, section 5.1).
      if (!names.add(header.group(1).toLowerCase(Locale.ROOT))) {
        throw new InvalidValueException("line " + (i + 1) + ": header named twice");
      }
      headers.put(header.group(1), new Secret(header.group(2)));
    }
    if (headers.isEmpty()) {
      throw new InvalidValueException("no header in the file");
    }
    return headers;
  }

  @Override
  public Map<String, Secret> getNullValue(DeserializationContext ctxt) {
    return Map.of();
  }

  @Override
  public Object getAbsentValue(DeserializationContext ctxt) {
    return getNullValue(ctxt);
  }
}
