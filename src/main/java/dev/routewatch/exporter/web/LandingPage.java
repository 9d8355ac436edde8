package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.routewatch.exporter.account.AccountSource;
import dev.routewatch.exporter.account.AccountState;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.account.SourceState;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The page at {@code /}: version, links, one row per model and one per account source. Everything
 * that came from configuration or upstream is HTML-escaped, since an upstream error text is not
 * ours.
 */
final class LandingPage implements HttpHandler {

  private final BuildInfo build;
  private final SnapshotStore store;
  private final AccountStore account;
  private final Supplier<Duration> staleAfter;
  private final TimeSource time;
  private final String telemetryPath;

  /**
   * @param staleAfter the running {@code poll.stale_after}: a model's endpoint count shows while
   *     its endpoint series do
   * @param telemetryPath where the metrics are, {@code --web.telemetry-path}
   */
  LandingPage(
      BuildInfo build,
      SnapshotStore store,
      AccountStore account,
      Supplier<Duration> staleAfter,
      TimeSource time,
      String telemetryPath) {
    this.build = build;
    this.store = store;
    this.account = account;
    this.staleAfter = staleAfter;
    this.time = time;
    this.telemetryPath = telemetryPath;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Responses.send(exchange, 200, Responses.HTML, render());
  }

  String render() {
    StringBuilder html = new StringBuilder(4096);
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
            .up { color: #1a7f37; } .down { color: #cf222e; }
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
            <table>
            <thead><tr><th>Model</th><th>Up</th><th>Last poll (UTC)</th><th>Endpoints</th>\
            <th>Last error</th></tr></thead>
            <tbody>
            """
                // Relative, as the other links, so that the page works behind a path prefix.
                .formatted(escape(telemetryPath.substring(1))));
    Moment now = time.now();
    Duration staleAfter = this.staleAfter.get();
    for (ModelState state : store.current().states()) {
      html.append("<tr><td>")
          .append(escape(state.model().value()))
          .append("</td><td>")
          .append(upCell(state, now, staleAfter))
          .append("</td><td>")
          .append(state.lastAttempt() == null ? "never" : time(state.lastAttempt().wall()))
          .append("</td><td>")
          .append(
              state.answerFresh(now, staleAfter) ? state.lastGoodAnswer().endpoints().size() : "")
          .append("</td><td>")
          .append(state.up() ? "" : lastError(state))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    accountSection(html);
    html.append("</body>\n</html>\n");
    return html.toString();
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
                      : "<span class=\"down\">failed</span>")
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

  /**
   * Up as {@code openrouter_up} says, the latest poll that finished; when that success is older
   * than {@code stale_after} (no poll has finished since, as while a rate limit holds every request
   * back) the page says so, since its series are gone.
   */
  private static String upCell(ModelState state, Moment now, Duration staleAfter) {
    if (!state.polledOnce()) {
      return "pending";
    }
    if (!state.up()) {
      return "<span class=\"down\">down</span>";
    }
    return state.answerFresh(now, staleAfter)
        ? "<span class=\"up\">up</span>"
        : "<span class=\"down\">up, stale (no poll finished since)</span>";
  }

  private static String lastError(ModelState state) {
    return state.lastFailure() == null
        ? ""
        : escape(state.lastFailure().label() + ": " + state.lastError());
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
