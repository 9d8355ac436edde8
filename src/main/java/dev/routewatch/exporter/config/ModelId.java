package dev.routewatch.exporter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model id as OpenRouter spells it: {@code author/slug}, where the author may carry a leading
 * {@code ~} (aliases such as {@code ~typesafe/jev-latest}) and the slug may carry a variant after
 * one {@code :} ({@code :free}, {@code :thinking}). Dots, dashes and underscores are common.
 */
public record ModelId(String value) {

  private static final Pattern VALID =
      Pattern.compile("~?[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*(:[A-Za-z0-9._-]+)?");

  /**
   * The path segments before the id in the URLs people copy: the API's ({@code
   * /api/v1/models/author/slug/endpoints}) and the model pages' ({@code /author/slug}, {@code
   * /models/author/slug}).
   */
  private static final List<String> URL_PREFIXES = List.of("api", "v1", "models");

  public ModelId {
    if (!isValid(value)) {
      // The id named is the model's, public like every model id, never the rest of the URL.
      throw new IllegalArgumentException(
          inUrl(value)
              .map(id -> "a URL, not a model id; write the id alone: " + id)
              .orElse("not a model id of the form author/slug"));
    }
  }

  /**
   * The model id in an OpenRouter URL ({@code https://openrouter.ai/moonshotai/kimi-k2}, {@code
   * .../api/v1/models/moonshotai/kimi-k2/endpoints}), if {@code text} is one.
   */
  static Optional<String> inUrl(String text) {
    if (text == null || !text.matches("(?i)https?://.*")) {
      return Optional.empty();
    }
    String path;
    try {
      path = new URI(text).getPath();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (path == null) {
      return Optional.empty();
    }
    List<String> segments =
        Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    int start = 0;
    while (start < segments.size() && URL_PREFIXES.contains(segments.get(start))) {
      start++;
    }
    if (segments.size() - start < 2) {
      return Optional.empty();
    }
    String id = segments.get(start) + "/" + segments.get(start + 1);
    return isValid(id) ? Optional.of(id) : Optional.empty();
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  public String author() {
    return value.substring(0, value.indexOf('/'));
  }

  public String slug() {
    return value.substring(value.indexOf('/') + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
