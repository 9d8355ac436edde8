package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.routewatch.exporter.account.AccountSource;
import dev.routewatch.exporter.account.AccountState;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.account.SourceState;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The page at {@code /}: version, links, the upstream it polls, a summary, one row per model and
 * one per account source. Each part is a section of its own. Everything that came from
 * configuration or upstream is HTML-escaped, since an upstream error text is not ours; of a key,
 * only whether it is set shows.
 */
final class LandingPage implements HttpHandler {

  /** The uid of {@code grafana/dashboards/openrouter-exporter.json}, whose variable is model. */
  static final String DASHBOARD_UID = "openrouter-exporter";

  private final BuildInfo build;
  private final SnapshotStore store;
  private final AccountStore account;
  private final Supplier<ExporterConfig> config;
  private final IntSupplier series;
  private final TimeSource time;
  private final String telemetryPath;

  /**
   * @param config the running configuration (after a reload, the new one)
   * @param series how many OpenRouter series /metrics shows now
   * @param telemetryPath where the metrics are, {@code --web.telemetry-path}
   */
  LandingPage(
      BuildInfo build,
      SnapshotStore store,
      AccountStore account,
      Supplier<ExporterConfig> config,
      IntSupplier series,
      TimeSource time,
      String telemetryPath) {
    this.build = build;
    this.store = store;
    this.account = account;
    this.config = config;
    this.series = series;
    this.time = time;
    this.telemetryPath = telemetryPath;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Responses.send(exchange, 200, Responses.HTML, render());
  }

  String render() {
    ExporterConfig running = config.get();
    Collection<ModelState> states = store.current().states();
    Moment now = time.now();
    Duration staleAfter = running.poll().staleAfter();
    StringBuilder html = new StringBuilder(4096);
    head(html);
    upstream(html, running);
    summary(html, states, now, staleAfter);
    models(html, states, now, staleAfter, running.grafanaUrl());
    accountSection(html);
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private void head(StringBuilder html) {
    html.append(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>openrouter-exporter</title>
            <style>
            body { font-family: sans-serif; margin: 2em; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }
            .up { color: #1a7f37; } .failed { color: #cf222e; }
            </style>
            </head>
            <body>
            <h1>openrouter-exporter</h1>
            """)
        .append("<p>Version ")
        .append(escape(build.version()))
        .append(" (revision ")
        .append(escape(build.revision()))
        .append(", Java ")
        .append(escape(build.javaVersion()))
        .append(")</p>\n")
        .append(
            """
            <ul>
            <li><a href="%s">Metrics</a></li>
            <li><a href="-/healthy">Health</a></li>
            <li><a href="-/ready">Readiness</a></li>
            </ul>
            """
                // Relative, as the other links, so that the page works behind a path prefix.
                .formatted(escape(telemetryPath.substring(1))));
  }

  /** Where the polls go and with which credentials, as yes or no: never any part of a key. */
  private static void upstream(StringBuilder html, ExporterConfig config) {
    html.append("<h2>Upstream</h2>\n<table id=\"upstream\">\n");
    fact(html, "URL", escape(config.openrouter().baseUrl()));
    fact(html, "API key set", config.openrouter().apiKey().isPresent() ? "yes" : "no");
    fact(html, "Management key set", config.account().managementKey().isPresent() ? "yes" : "no");
    html.append("</table>\n");
  }

  private static void fact(StringBuilder html, String name, String value) {
    html.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>\n");
  }

  private void summary(
      StringBuilder html, Collection<ModelState> states, Moment now, Duration staleAfter) {
    long up = states.stream().filter(ModelState::up).count();
    int endpoints =
        states.stream()
            .filter(state -> state.answerFresh(now, staleAfter))
            .mapToInt(state -> state.lastGoodAnswer().endpoints().size())
            .sum();
    html.append("<h2>Models</h2>\n<p id=\"summary\">")
        .append(up)
        .append(" of ")
        .append(states.size())
        .append(" models up; ")
        .append(endpoints)
        .append(" endpoints shown; ")
        .append(series.getAsInt())
        .append(" series from OpenRouter on /metrics</p>\n");
  }

  private void models(
      StringBuilder html,
      Collection<ModelState> states,
      Moment now,
      Duration staleAfter,
      Optional<String> grafanaUrl) {
    html.append(
        """
        <table id="models">
        <thead><tr><th>Model</th><th>Last poll</th><th>Last poll (UTC)</th>\
        <th>Last success (UTC)</th><th>Endpoints</th><th>Last error</th>""");
    grafanaUrl.ifPresent(url -> html.append("<th>Dashboard</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (ModelState state : states) {
      html.append("<tr><td>")
          .append(escape(state.model().value()))
          .append("</td><td>")
          .append(outcome(state, now, staleAfter))
          .append("</td><td>")
          .append(state.lastAttempt() == null ? "never" : time(state.lastAttempt().wall()))
          .append("</td><td>")
          .append(state.lastSuccess() == null ? "never" : time(state.lastSuccess().wall()))
          .append("</td><td>")
          .append(
              state.answerFresh(now, staleAfter) ? state.lastGoodAnswer().endpoints().size() : "")
          .append("</td><td>")
          .append(state.up() ? "" : lastError(state))
          .append("</td>");
      grafanaUrl.ifPresent(
          url ->
              html.append("<td><a href=\"")
                  .append(escape(dashboard(url, state)))
                  .append("\">dashboard</a></td>"));
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  /**
   * The latest poll that finished, as {@code openrouter_up} says; when that success is older than
   * {@code stale_after} (no poll has finished since, as while a rate limit holds every request
   * back) the page says so, since its series are gone.
   */
  private static String outcome(ModelState state, Moment now, Duration staleAfter) {
    if (!state.polledOnce()) {
      return "pending";
    }
    if (!state.up()) {
      return "<span class=\"failed\">last poll failed</span>";
    }
    return state.answerFresh(now, staleAfter)
        ? "<span class=\"up\">up</span>"
        : "<span class=\"failed\">up, stale (no poll finished since)</span>";
  }

  /** The shipped dashboard with the model chosen, in Grafana's URL form {@code /d/UID?var-X=}. */
  private static String dashboard(String grafanaUrl, ModelState state) {
    return grafanaUrl
        + "/d/"
        + DASHBOARD_UID
        + "?var-model="
        + URLEncoder.encode(state.model().value(), StandardCharsets.UTF_8);
  }

  private static String lastError(ModelState state) {
    return state.lastFailure() == null
        ? ""
        : escape(state.lastFailure().label() + ": " + state.lastError());
  }

  /**
   * When each configured account source was last read and whether that worked; nothing when none is
   * configured.
   */
  private void accountSection(StringBuilder html) {
    AccountState state = account.current();
    if (state.configured().isEmpty()) {
      return;
    }
    html.append(
        """
        <h2>Account</h2>
        <table>
        <thead><tr><th>Source</th><th>Latest read</th><th>Latest read at (UTC)</th>\
        <th>Last success (UTC)</th><th>Last error</th></tr></thead>
        <tbody>
        """);
    for (AccountSource<?> source : state.configured()) {
      SourceState<?> read = state.get(source).orElseThrow();
      html.append("<tr><td>/")
          .append(escape(source.label()))
          .append("</td><td>")
          .append(
              !read.readOnce()
                  ? "pending"
                  : read.up()
                      ? "<span class=\"up\">worked</span>"
                      : "<span class=\"failed\">failed</span>")
          .append("</td><td>")
          .append(read.lastAttempt() == null ? "never" : time(read.lastAttempt()))
          .append("</td><td>")
          .append(read.lastSuccess() == null ? "never" : time(read.lastSuccess().wall()))
          .append("</td><td>")
          .append(
              read.up() || read.lastFailure() == null
                  ? ""
                  : escape(read.lastFailure().label() + ": " + read.lastError()))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
