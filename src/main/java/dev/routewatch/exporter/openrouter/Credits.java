package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /credits}
 * (https://openrouter.ai/docs/api-reference/credits/get-credits): credits purchased and used by the
 * account, all time, in USD; the balance is their difference.
 */
public record Credits(
    @JsonProperty("total_credits") Double totalCredits,
    @JsonProperty("total_usage") Double totalUsage) {}
