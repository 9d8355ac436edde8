package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.openrouter.Catalog;
import java.time.Instant;

/**
 * A catalog that a discovery read, here or on another replica.
 *
 * @param at when it was read; null when no read has succeeded yet
 */
public record CatalogRead(Catalog catalog, Instant at) {}
