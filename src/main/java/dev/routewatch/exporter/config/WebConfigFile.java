package dev.routewatch.exporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The web configuration file as written: the Prometheus exporter-toolkit's format
 * (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md), so one
 * file serves this exporter and the Go ones. Every key of that format is here, so that a key the
 * toolkit has and this exporter does not support is reported as such rather than as unknown;
 * anything else is an unknown key. {@link WebConfigLoader} checks the values.
 */
record WebConfigFile(
    TlsServerConfig tlsServerConfig,
    HttpServerConfig httpServerConfig,
    Map<String, String> basicAuthUsers,
    JsonNode rateLimit) {

  record TlsServerConfig(
      String cert,
      String key,
      String clientCa,
      String certFile,
      String keyFile,
      String clientAuthType,
      String clientCaFile,
      List<String> clientAllowedSans,
      String minVersion,
      String maxVersion,
      List<String> cipherSuites,
      Boolean preferServerCipherSuites,
      JsonNode curvePreferences) {}

  record HttpServerConfig(Boolean http2, Map<String, String> headers) {}
}
