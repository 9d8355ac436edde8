package dev.routewatch.exporter.config;

/**
 * {@code account.management_key_file}, unless the environment sets {@code
 * OPENROUTER_MANAGEMENT_KEY}: the key OpenRouter requires for {@code GET /credits} and {@code GET
 * /activity} (https://openrouter.ai/docs/guides/overview/auth/management-api-keys).
 */
final class ManagementKeyFile extends HeaderKeyFile {

  static final String ENV = "OPENROUTER_MANAGEMENT_KEY";

  ManagementKeyFile() {
    super(ENV);
  }
}
