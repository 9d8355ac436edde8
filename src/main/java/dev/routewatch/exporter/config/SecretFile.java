package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code *_file} setting read into the secret it names ({@code cluster.password_file}). A
 * relative path is taken from the configuration file's directory, as Prometheus does for its {@code
 * *_file} settings; left out or empty, there is no secret.
 */
class SecretFile extends StdDeserializer<Optional<Secret>> {

  /** The attribute that holds the {@link Path} of the configuration file being read. */
  static final String CONFIG_FILE = "config.file";

  SecretFile() {
    super(Optional.class);
  }

  @Override
  public Optional<Secret> deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    String name = ctxt.readValue(p, String.class);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path path;
    try {
      path = ((Path) ctxt.getAttribute(CONFIG_FILE)).resolveSibling(name);
    } catch (InvalidPathException e) {
      throw new InvalidValueException("not a file path");
    }
    String content = TextFile.read(path, InvalidValueException::new);
    if (content.isBlank()) {
      throw new InvalidValueException("empty file");
    }
    return Optional.of(secret(content));
  }

  /** The secret in a file's content. */
  Secret secret(String content) {
    return new Secret(content);
  }

  @Override
  public Optional<Secret> getNullValue(DeserializationContext ctxt) {
    return Optional.empty();
  }

  @Override
  public Object getAbsentValue(DeserializationContext ctxt) {
    return getNullValue(ctxt);
  }
}
