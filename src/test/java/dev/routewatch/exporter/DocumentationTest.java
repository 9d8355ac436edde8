package dev.routewatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The README stays a short front page in the Prometheus exporters' shape, and every page of the
 * documentation can be reached from it: each relative link leads to a file, and to a heading when
 * it names one.
 */
class DocumentationTest {

  private static final Path README = Path.of("README.md");

  @Test
  void theReadmeIsAtMost15000Bytes() throws IOException {
    assertThat(Files.size(README)).isLessThanOrEqualTo(15_000);
  }

  @Test
  void theReadmeShowsPrometheusAndGrafanaBeforeTheJar() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int compose = lines.indexOf("OPENROUTER_API_KEY=sk-or-... docker compose up --build");
    int jar = indexOfLineContaining(lines, "-jar target/openrouter-exporter.jar");

    assertThat(compose).as("the compose command's line").isBetween(0, 30);
    assertThat(jar).as("the jar's run command's line").isGreaterThan(compose);
  }

  @Test
  void theReadmeLinksEveryPageOfDocs() throws IOException {
    List<String> targets = MarkdownFile.read(README).linkTargets();

    assertThat(documents())
        .filteredOn(path -> path.startsWith("docs"))
        .isNotEmpty()
        .allSatisfy(page -> assertThat(targets).contains(page.toString()));
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
    SoftAssertions softly = new SoftAssertions();
    for (Path document : documents()) {
      for (String target : MarkdownFile.read(document).linkTargets()) {
        if (URI.create(target).getScheme() != null) {
          continue; // an external page: not ours to keep
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        Path linked = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        softly.assertThat(linked).as("%s links %s", document, target).exists();
        if (target.contains("#")
            && linked.toString().endsWith(".md")
            && Files.isRegularFile(linked)) {
          softly
              .assertThat(MarkdownFile.read(linked).anchors())
              .as("%s links %s", document, target)
              .contains(target.substring(target.indexOf('#') + 1));
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void everyTableRowHasAsManyCellsAsItsHeader() throws IOException {
    SoftAssertions softly = new SoftAssertions();
    for (Path document : documents()) {
      for (MarkdownFile.Table table : MarkdownFile.read(document).tables()) {
        for (List<String> row : table.rows()) {
          softly
              .assertThat(row)
              .as("%s, a row under '%s' (an unescaped | splits a cell)", document, table.section())
              .hasSameSizeAs(table.header());
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void headingsGetGitHubsAnchors() {
    assertThat(MarkdownFile.slug("The API key")).isEqualTo("the-api-key");
    assertThat(MarkdownFile.slug("TLS and basic authentication: `--web.config.file`"))
        .isEqualTo("tls-and-basic-authentication---webconfigfile");
    assertThat(MarkdownFile.slug("High availability: running several replicas"))
        .isEqualTo("high-availability-running-several-replicas");
  }

  /** The README, SECURITY.md, CONTRIBUTING.md, bench/README.md and every page of docs/. */
  private static List<Path> documents() throws IOException {
    List<Path> documents =
        new ArrayList<>(
            List.of(
                README,
                Path.of("SECURITY.md"),
                Path.of("CONTRIBUTING.md"),
                Path.of("bench/README.md")));
    try (Stream<Path> pages = Files.list(Path.of("docs"))) {
      pages.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  private static int indexOfLineContaining(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
