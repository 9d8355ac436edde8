package dev.routewatch.exporter.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.routewatch.exporter.openrouter.ActivityItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One completed UTC day of {@code GET /activity}, summed per model and provider: OpenRouter answers
 * a row per endpoint, and a provider can serve a model through several.
 *
 * @param day the day the sums describe
 * @param sums one per model and provider, in the order of their first row
 */
public record ActivityDay(
    @JsonSerialize(using = ToStringSerializer.class) LocalDate day, List<Sum> sums) {

  public ActivityDay {
    sums = List.copyOf(sums);
  }

  /** As a cluster stores it: the day as {@code YYYY-MM-DD}. */
  @JsonCreator
  static ActivityDay read(@JsonProperty("day") String day, @JsonProperty("sums") List<Sum> sums) {
    return new ActivityDay(LocalDate.parse(day), sums);
  }

  /**
   * A model's use through one provider on the day. A figure no row carried is null (absent), not 0.
   */
  public record Sum(
      String model,
      String provider,
      Double usage,
      Long requests,
      Long promptTokens,
      Long completionTokens,
      Long reasoningTokens) {

    private Sum plus(ActivityItem row) {
      return new Sum(
          model,
          provider,
          add(usage, row.usage()),
          add(requests, row.requests()),
          add(promptTokens, row.promptTokens()),
          add(completionTokens, row.completionTokens()),
          add(reasoningTokens, row.reasoningTokens()));
    }

    // Not one conditional expression: with a primitive sum in it, a null would be unboxed.
    private static Double add(Double sum, Double value) {
      if (value == null || sum == null) {
        return value == null ? sum : value;
      }
      return sum + value;
    }

    private static Long add(Long sum, Long value) {
      if (value == null || sum == null) {
        return value == null ? sum : value;
      }
      return sum + value;
    }
  }

  /**
   * Sums {@code rows} of {@code day}; rows of another day (the answer is asked for one) and rows
   * without a model are left out. A row without a provider counts under an empty provider.
   */
  public static ActivityDay of(LocalDate day, List<ActivityItem> rows) {
    String date = day.toString();
    Map<List<String>, Sum> sums = new LinkedHashMap<>();
    for (ActivityItem row : rows) {
      if (row.model() == null || (row.date() != null && !row.date().startsWith(date))) {
        continue;
      }
      String provider = row.providerName() == null ? "" : row.providerName();
      sums.merge(
          List.of(row.model(), provider),
          new Sum(row.model(), provider, null, null, null, null, null).plus(row),
          (sum, ignored) -> sum.plus(row));
    }
    return new ActivityDay(day, new ArrayList<>(sums.values()));
  }
}
