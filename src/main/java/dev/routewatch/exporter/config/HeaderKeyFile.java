package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A key sent in an HTTP header, from its {@code *_file} setting unless the environment sets its
 * variable: then the environment wins and the file is not read at all.
 */
abstract class HeaderKeyFile extends SecretFile {

  private final String variable;

  /**
   * @param variable the environment variable that wins over the file
   */
  HeaderKeyFile(String variable) {
    this.variable = variable;
  }

  /** Whether {@code env} sets {@code variable}: then it wins over a mounted file. */
  static boolean inEnv(String variable, Map<String, String> env) {
    String key = env.get(variable);
    return key != null && !key.isBlank();
  }

  /** The attribute that holds the key from {@code variable}, when the environment sets it. */
  static String attribute(String variable) {
    return "env." + variable;
  }

  @Override
  public Optional<Secret> deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    Optional<Secret> fromEnv = getNullValue(ctxt);
    if (fromEnv.isPresent()) {
      p.skipChildren();
      return fromEnv;
    }
    return super.deserialize(p, ctxt);
  }

  /** A key that can go in an HTTP header; anything else would fail every request later. */
  @Override
  Secret secret(String content) {
    if (!Secret.isUsable(content)) {
      throw new InvalidValueException("the key has characters not allowed in an HTTP header");
    }
    return new Secret(content);
  }

  @Override
  public Optional<Secret> getNullValue(DeserializationContext ctxt) {
    return Optional.ofNullable((Secret) ctxt.getAttribute(attribute(variable)));
  }
}
