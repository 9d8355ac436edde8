package dev.routewatch.exporter.metrics;

import java.util.Set;

/**
 * What /metrics answers: the bytes of the families a scrape asks for, in one format, compressed or
 * not. {@link RenderedExposition} renders them with client_java's writers at every scrape; {@link
 * CachedExposition} serves the same families from bytes kept between scrapes.
 */
public interface Exposition {

  /**
   * The answer to one scrape.
   *
   * @param names the families {@code name[]} selects, by family name as client_java names them (a
   *     counter's without {@code _total}, an info's without {@code _info}); empty for every family
   */
  ScrapeBody scrape(ScrapeFormat format, boolean gzip, Set<String> names);
}
