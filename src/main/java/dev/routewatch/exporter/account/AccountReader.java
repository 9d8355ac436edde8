package dev.routewatch.exporter.account;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.Secret;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.poll.Backoff;
import dev.routewatch.exporter.poll.RequestBudget;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configured account sources once per {@code account.interval}, one request each, as the
 * polls read models: through the same client and budget, a 429 pausing the budget for its {@code
 * Retry-After}, a source that keeps failing read less often ({@link Backoff}). Each source fails
 * alone: its failure is counted and logged once while it lasts, and the others are read as usual.
 */
public final class AccountReader {

  private static final Logger logger = LoggerFactory.getLogger(AccountReader.class);

  private static final int FORBIDDEN = 403;

  private final OpenRouterClient client;
  private final RequestBudget budget;
  private final AccountResults results;
  private final Set<AccountSource<?>> sources;
  private final Optional<Secret> managementKey;
  private final Backoff backoff;
  private final TimeSource time;

  /** Sources whose latest reads failed; absent once a read succeeds. */
  private final Map<AccountSource<?>, Failures> failing = new ConcurrentHashMap<>();

  private record Failures(int count, Moment notBefore, String trouble) {}

  @FunctionalInterface
  private interface Read<T> {
    T read() throws UpstreamException, InterruptedException;
  }

  public AccountReader(
      ExporterConfig config,
      OpenRouterClient client,
      RequestBudget budget,
      AccountResults results,
      TimeSource time) {
    this(
        config,
        client,
        budget,
        results,
        new Backoff(config.account().interval(), new Random()),
        time);
  }

  /** For testing only: a chosen backoff. */
  AccountReader(
      ExporterConfig config,
      OpenRouterClient client,
      RequestBudget budget,
      AccountResults results,
      Backoff backoff,
      TimeSource time) {
    this.client = client;
    this.budget = budget;
    this.results = results;
    this.sources = AccountStore.sources(config);
    this.managementKey = config.account().managementKey();
    this.backoff = backoff;
    this.time = time;
  }

  /** Whether any source is configured: without one there is nothing to schedule. */
  public boolean anything() {
    return !sources.isEmpty();
  }

  /** Reads every configured source once, in turn; stops early only when the exporter stops. */
  public void readAll() {
    try {
      read(AccountSource.KEY, client::key);
      if (managementKey.isPresent()) {
        Secret key = managementKey.get();
        read(AccountSource.CREDITS, () -> client.credits(key));
        // The last day OpenRouter has completed: today's figures would still grow.
        LocalDate day = LocalDate.ofInstant(time.now().wall(), ZoneOffset.UTC).minusDays(1);
        read(AccountSource.ACTIVITY, () -> ActivityDay.of(day, client.activity(key, day)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> void read(AccountSource<T> source, Read<T> read) throws InterruptedException {
    if (!sources.contains(source)) {
      return;
    }
    Failures failures = failing.get(source);
    if (failures != null && time.now().isBefore(failures.notBefore())) {
      logger.debug("Skipping /{}: backing off after {} failed reads", source, failures.count());
      return;
    }
    try (RequestBudget.Permit ignored = budget.acquire()) {
      try {
        T figures = read.read();
        results.succeeded(source, figures, time.now());
        if (failing.remove(source) != null) {
          logger.info("Reading /{} succeeded again", source);
        }
        logger.debug("Read /{}", source);
      } catch (UpstreamException e) {
        if (e.reason() == FailureReason.RATE_LIMITED) {
          budget.rateLimited(e.retryAfter());
        }
        recordFailure(source, e.reason(), problem(source, e));
      } catch (RuntimeException e) {
        // A bug in reading one answer must not stop the other sources or later reads.
        logger.error("Unexpected error while reading /{}", source, e);
        recordFailure(source, FailureReason.BAD_RESPONSE, "unexpected error");
      }
    }
  }

  /** The failure's message; a 403 from the management paths says what it means. */
  private static String problem(AccountSource<?> source, UpstreamException e) {
    boolean managementPath = source != AccountSource.KEY;
    if (managementPath && e.getMessage().equals("HTTP " + FORBIDDEN)) {
      return e.getMessage()
          + ": OpenRouter answers /"
          + source
          + " only for a management key, and the configured one is not (see"
          + " https://openrouter.ai/docs/guides/overview/auth/management-api-keys)";
    }
    return e.getMessage();
  }

  private void recordFailure(AccountSource<?> source, FailureReason reason, String message) {
    Moment now = time.now();
    results.failed(source, reason, message, now);
    Failures previous = failing.get(source);
    int count = previous == null ? 1 : previous.count() + 1;
    String trouble = reason.label() + ": " + message;
    failing.put(
        source,
        new Failures(count, now.plus(backoff.delay(count).minus(backoff.slack())), trouble));
    // One line when a source's trouble starts or changes, not one per read while it lasts.
    if (previous != null && previous.trouble().equals(trouble)) {
      logger.debug("Reading /{} failed again ({}): {}", source, reason.label(), message);
    } else {
      logger.warn("Reading /{} failed ({}): {}", source, reason.label(), message);
    }
  }
}
