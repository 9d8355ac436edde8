package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code openrouter.api_key_file}, unless the environment sets {@code OPENROUTER_API_KEY}: then the
 * environment wins and the file is not read at all.
 */
final class ApiKeyFile extends SecretFile {

  static final String ENV = "OPENROUTER_API_KEY";

  /** The attribute that holds the key from the environment, when it sets one. */
  static final String FROM_ENV = "api.key.env";

  /** Whether the environment sets the key: then it wins over a mounted file. */
  static boolean inEnv(Map<String, String> env) {
    String key = env.get(ENV);
    return key != null && !key.isBlank();
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
    return Optional.ofNullable((Secret) ctxt.getAttribute(FROM_ENV));
  }
}
