package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The answer of {@code GET /key} about the API key it was sent with
 * (https://openrouter.ai/docs/api-reference/api-keys/get-current-key), in USD. Every field may be
 * absent: answers of 2025 lack the period and BYOK figures and {@code expires_at}, and {@code
 * limit}, {@code limit_remaining} and {@code expires_at} are null when the key has none. The key's
 * {@code label} (its masked value) is not read.
 */
public record KeyInfo(
    Double usage,
    @JsonProperty("usage_daily") Double usageDaily,
    @JsonProperty("usage_weekly") Double usageWeekly,
    @JsonProperty("usage_monthly") Double usageMonthly,
    @JsonProperty("byok_usage") Double byokUsage,
    @JsonProperty("byok_usage_daily") Double byokUsageDaily,
    @JsonProperty("byok_usage_weekly") Double byokUsageWeekly,
    @JsonProperty("byok_usage_monthly") Double byokUsageMonthly,
    Double limit,
    @JsonProperty("limit_remaining") Double limitRemaining,
    @JsonProperty("limit_reset") String limitReset,
    @JsonProperty("expires_at") String expiresAt,
    @JsonProperty("is_free_tier") Boolean isFreeTier,
    @JsonProperty("include_byok_in_limit") Boolean includeByokInLimit) {

  /** {@code expires_at} (ISO 8601, e.g. {@code 2027-12-31T23:59:59Z}); null when absent or not. */
  public Instant expiration() {
    if (expiresAt == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(expiresAt).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
