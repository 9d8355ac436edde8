package dev.routewatch.exporter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's findings as one markdown table, each row with its target and whether it is met. */
final class Report {

  /**
   * @param met null for a row that has no target (it only reports)
   */
  private record Row(
      String what, String exporter, String reference, String ratio, String target, Boolean met) {}

  private final List<String> header = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  void header(String line) {
    header.add(line);
  }

  void figure(String what, String exporter) {
    rows.add(new Row(what, exporter, "", "", "report", null));
  }

  void compare(
      String what, String exporter, String reference, double ratio, String target, boolean met) {
    rows.add(new Row(what, exporter, reference, format("%.2f", ratio), target, met));
  }

  void limit(String what, String exporter, String target, boolean met) {
    rows.add(new Row(what, exporter, "", "", target, met));
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append(line).append("\n"));
    out.append("\n| What | Exporter | Reference | Ratio | Target | Result |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      String result = row.met() == null ? "" : row.met() ? "MET" : "NOT MET";
      out.append("| ")
          .append(
              String.join(
                  " | ",
                  row.what(),
                  row.exporter(),
                  row.reference(),
                  row.ratio(),
                  row.target(),
                  result))
          .append(" |\n");
    }
    return out.toString();
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  static String millis(double nanos) {
    return format("%.1f ms", nanos / 1e6);
  }

  static String mib(double bytes) {
    return format("%.2f MiB", bytes / (1024 * 1024));
  }
}
