package dev.routewatch.exporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A markdown file of this repository as GitHub renders it, for the tests that hold the
 * documentation to the code: its headings (and their anchors), tables and links, with fenced code
 * blocks left out. Only the markdown these documents use: ATX headings, pipe tables, inline links.
 */
public final class MarkdownFile {

  /** A pipe table: the heading it sits under, its header cells and its rows' cells. */
  public record Table(String section, List<String> header, List<List<String>> rows) {

    /** The first code span of each row's first cell: the name the row documents. */
    public List<String> firstColumnNames() {
      List<String> names = new ArrayList<>();
      for (List<String> row : rows) {
        names.add(
            firstCodeSpan(row.get(0))
                .orElseThrow(
                    () -> new AssertionError("a row of table under '" + section + "': " + row)));
      }
      return names;
    }
  }

  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern INLINE_LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
  private static final Pattern TABLE_SEPARATOR =
      Pattern.compile("^\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?$");

  private final Path path;

  /** The file's lines, those inside fenced code blocks blanked so nothing there counts. */
  private final List<String> lines;

  private MarkdownFile(Path path, List<String> lines) {
    this.path = path;
    this.lines = lines;
  }

  public static MarkdownFile read(Path path) {
    List<String> text;
    try {
      text = Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> prose = new ArrayList<>();
    boolean inFence = false;
    for (String line : text) {
      boolean fence = line.stripLeading().startsWith("```");
      prose.add(inFence || fence ? "" : line);
      if (fence) {
        inFence = !inFence;
      }
    }
    return new MarkdownFile(path, prose);
  }

  public Path path() {
    return path;
  }

  /** The anchors GitHub gives the headings: {@code #the-api-key} for "The API key". */
  public Set<String> anchors() {
    Set<String> anchors = new LinkedHashSet<>();
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(2));
        String anchor = slug;
        for (int suffix = 1; !anchors.add(anchor); suffix++) {
          anchor = slug + "-" + suffix;
        }
      }
    }
    return anchors;
  }

  /**
   * The text under the heading of that anchor, up to the next heading of the same or a higher
   * level; empty when no heading has it.
   */
  public Optional<String> section(String anchor) {
    for (int i = 0; i < lines.size(); i++) {
      Matcher heading = HEADING.matcher(lines.get(i));
      if (heading.matches() && slug(heading.group(2)).equals(anchor)) {
        int level = heading.group(1).length();
        StringBuilder text = new StringBuilder();
        for (int j = i + 1; j < lines.size(); j++) {
          Matcher next = HEADING.matcher(lines.get(j));
          if (next.matches() && next.group(1).length() <= level) {
            break;
          }
          text.append(lines.get(j)).append('\n');
        }
        return Optional.of(text.toString());
      }
    }
    return Optional.empty();
  }

  /** The targets of the inline links, outside code spans and code blocks. */
  public List<String> linkTargets() {
    List<String> targets = new ArrayList<>();
    for (String line : lines) {
      Matcher link = INLINE_LINK.matcher(CODE_SPAN.matcher(line).replaceAll("code"));
      while (link.find()) {
        targets.add(link.group(1));
      }
    }
    return targets;
  }

  /** Every pipe table, in order. */
  public List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    String section = "";
    for (int i = 0; i < lines.size(); i++) {
      Matcher heading = HEADING.matcher(lines.get(i));
      if (heading.matches()) {
        section = heading.group(2);
      } else if (isRow(lines.get(i))
          && i + 1 < lines.size()
          && TABLE_SEPARATOR.matcher(lines.get(i + 1).strip()).matches()) {
        List<String> header = cells(lines.get(i));
        List<List<String>> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && isRow(lines.get(i)); i++) {
          rows.add(cells(lines.get(i)));
        }
        tables.add(new Table(section, header, rows));
      }
    }
    return tables;
  }

  /** The tables under the heading of that text. */
  public List<Table> tablesUnder(String heading) {
    return tables().stream().filter(table -> table.section().equals(heading)).toList();
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
        .replace(' ', '-');
  }

  private static Optional<String> firstCodeSpan(String cell) {
    Matcher code = CODE_SPAN.matcher(cell);
    return code.find() ? Optional.of(code.group(1)) : Optional.empty();
  }

  private static boolean isRow(String line) {
    return line.strip().startsWith("|");
  }

  /** A row's cells, split as GitHub splits them: at every pipe not escaped with a backslash. */
  private static List<String> cells(String row) {
    String body = row.strip().replaceFirst("^\\|", "").replaceFirst("(?<!\\\\)\\|$", "");
    List<String> cells = new ArrayList<>();
    for (String cell : body.split("(?<!\\\\)\\|", -1)) {
      cells.add(cell.replace("\\|", "|").strip());
    }
    return cells;
  }
}
