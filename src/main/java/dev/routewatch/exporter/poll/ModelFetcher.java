package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;

/** One upstream call for one model: the part of the client that polling needs. */
@FunctionalInterface
public interface ModelFetcher {
  ModelEndpoints fetch(ModelId model) throws UpstreamException, InterruptedException;
}
