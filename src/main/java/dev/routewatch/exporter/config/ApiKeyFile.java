package dev.routewatch.exporter.config;

import java.util.Map;

/** {@code openrouter.api_key_file}, unless the environment sets {@code OPENROUTER_API_KEY}. */
final class ApiKeyFile extends HeaderKeyFile {

  static final String ENV = "OPENROUTER_API_KEY";

  ApiKeyFile() {
    super(ENV);
  }

  /** Whether the environment sets the key: then it wins over a mounted file. */
  static boolean inEnv(Map<String, String> env) {
    return inEnv(ENV, env);
  }
}
