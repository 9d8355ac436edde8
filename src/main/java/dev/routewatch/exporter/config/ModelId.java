package dev.routewatch.exporter.config;

import java.util.regex.Pattern;

/**
 * A model id as OpenRouter spells it: {@code author/slug}, where the author may carry a leading
 * {@code ~} (aliases such as {@code ~typesafe/jev-latest}) and the slug may carry a variant after
 * one {@code :} ({@code :free}, {@code :thinking}). Dots, dashes and underscores are common.
 */
public record ModelId(String value) {

  private static final Pattern VALID =
      Pattern.compile("~?[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*(:[A-Za-z0-9._-]+)?");

  public ModelId {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a model id of the form author/slug");
    }
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
