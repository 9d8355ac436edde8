package dev.routewatch.exporter.metrics;

/**
 * Upstream text made fit to be a label value, for one model's answer at a time: at most {@value
 * #MAX_LENGTH} characters (a longer value keeps its first 255 and ends in {@value #MARKER}, and is
 * counted), control characters and unpaired surrogates replaced by U+FFFD. Quotes, backslashes and
 * newlines need no care here: the exposition writers escape them. The cap keeps a hostile or broken
 * upstream from making every series of a scrape kilobytes long.
 */
final class LabelValues {

  static final int MAX_LENGTH = 256;
  static final String MARKER = "…";

  private static final int REPLACEMENT = 0xFFFD;

  private int truncated;

  /** {@code raw} made safe; null reads as "". */
  String clean(String raw) {
    if (raw == null) {
      return "";
    }
    boolean cut = raw.codePointCount(0, raw.length()) > MAX_LENGTH;
    int end = cut ? raw.offsetByCodePoints(0, MAX_LENGTH - 1) : raw.length();
    StringBuilder clean = new StringBuilder(end + MARKER.length());
    raw.substring(0, end)
        .codePoints()
        .map(c -> Character.isISOControl(c) || isSurrogate(c) ? REPLACEMENT : c)
        .forEach(clean::appendCodePoint);
    if (cut) {
      clean.append(MARKER);
      truncated++;
    }
    return clean.toString();
  }

  /** An unpaired surrogate: String.codePoints() hands one out as a code point of its own. */
  private static boolean isSurrogate(int codePoint) {
    return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
  }

  /** How many values {@link #clean} cut so far. */
  int truncated() {
    return truncated;
  }
}
