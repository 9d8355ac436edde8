package dev.routewatch.exporter.config;

import java.net.URI;
import java.net.URISyntaxException;
import okhttp3.HttpUrl;

/**
 * The URLs the exporter sends requests to or links: {@code openrouter.base_url}, {@code
 * otlp.endpoint} and {@code web.grafana_url}.
 */
final class HttpUrls {

  private HttpUrls() {}

  /**
   * An http(s) URL without user info, query or fragment: it is logged, and either could hold a
   * credential.
   */
  static URI parse(String key, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidValueException(key, "not an http or https URL");
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new InvalidValueException(key, "not an http or https URL");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidValueException(key, "must have no user info, query or fragment");
    }
    // The client's own parser has the last word: java.net.URI accepts ports OkHttp refuses.
    if (HttpUrl.parse(text) == null) {
      throw new InvalidValueException(key, "not an http or https URL");
    }
    return uri;
  }
}
