package dev.routewatch.exporter;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.NearestModelId;
import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.openrouter.UpstreamException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --config.check.upstream}: reads the upstream's catalog once, with the client, key and
 * timeout the polls use, and names each configured model id the catalog lacks, which would
 * otherwise only show as a 404 once polling starts.
 */
final class CatalogCheck {

  private CatalogCheck() {}

  /**
   * @return whether the catalog was read and lists every configured id
   */
  static boolean passes(ExporterConfig config, String userAgent, PrintStream out, PrintStream err)
      throws InterruptedException {
    String upstream = config.openrouter().baseUrl();
    Catalog catalog;
    // One request and its answer; the request counter is the running exporter's.
    try (OpenRouterClient client =
        new OpenRouterClient(config.openrouter(), userAgent, code -> {})) {
      catalog = client.catalog();
    } catch (UpstreamException e) {
      err.println("cannot read the model catalog of upstream " + upstream + ": " + e.getMessage());
      return false;
    }
    Set<String> listed = new HashSet<>(catalog.ids());
    List<ModelId> missing =
        config.models().stream().filter(model -> !listed.contains(model.value())).toList();
    out.printf(
        "upstream %s: %d models in the catalog; %d of %d configured model ids listed%n",
        upstream, listed.size(), config.models().size() - missing.size(), config.models().size());
    for (ModelId model : missing) {
      err.println(
          "models: "
              + model
              + " is not in the catalog of upstream "
              + upstream
              + NearestModelId.of(catalog.ids(), model)
                  .map(nearest -> "; did you mean " + nearest + "?")
                  .orElse(""));
    }
    return missing.isEmpty();
  }
}
