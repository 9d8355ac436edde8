package dev.routewatch.exporter.poll;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one budget every upstream request spends from, shared by all models because OpenRouter limits
 * per API key: at most {@code maxConcurrent} requests in flight, and a token bucket of {@code
 * perMinute} requests a minute that holds at most 10 seconds' worth of requests (the burst bound
 * docs/configuration.md promises), never less than one.
 *
 * <p>A caller takes a concurrency slot first and a token second, so a request is sent right after
 * its token is taken: tokens never pile up behind busy slots and leave in a burst.
 *
 * <p>A 429 from the API {@link #pauseFor pauses} the whole budget: the limit is per key, so every
 * model waits until the API's {@code Retry-After} has passed.
 *
 * <p>The budget lives as long as the process, not as long as one configuration: the API counts
 * requests per key whatever the exporter reloads, so a reload {@link #limit changes its limits} and
 * keeps the tokens spent and a running pause.
 */
public final class RequestBudget {

  private static final Logger logger = LoggerFactory.getLogger(RequestBudget.class);

  /** How long a 429 without a readable Retry-After pauses every request. */
  static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(10);

  private static final Duration BURST = Duration.ofSeconds(10);

  /** A Retry-After longer than this is taken as this: a broken header must not stop polling. */
  static final Duration MAX_PAUSE = Duration.ofHours(1);

  private final Slots slots;
  private final LongSupplier nanoTime;

  // Guarded by this.
  private int maxConcurrent;
  private double tokensPerNano;
  private double capacity;
  private double tokens;
  private long refilledAt;
  private long pausedUntil;

  public RequestBudget(int maxConcurrent, int perMinute) {
    this(maxConcurrent, perMinute, System::nanoTime);
  }

  /** For testing only: a fake clock. */
  RequestBudget(int maxConcurrent, int perMinute, LongSupplier nanoTime) {
    this.slots = new Slots(maxConcurrent);
    this.maxConcurrent = maxConcurrent;
    this.nanoTime = nanoTime;
    this.refilledAt = nanoTime.getAsLong();
    this.pausedUntil = refilledAt;
    rate(perMinute);
    this.tokens = capacity;
  }

  /**
   * Applies reloaded limits. What was spent stays spent: a reload never hands out tokens, and a
   * smaller bucket keeps only what fits in it. A running pause goes on; calls in flight keep their
   * slots, so with fewer slots new calls wait until enough of them are done.
   */
  public synchronized void limit(int maxConcurrent, int perMinute) {
    slots.resize(this.maxConcurrent, maxConcurrent);
    this.maxConcurrent = maxConcurrent;
    refill();
    rate(perMinute);
    tokens = Math.min(tokens, capacity);
  }

  private void rate(int perMinute) {
    tokensPerNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
    capacity = Math.max(1.0, tokensPerNano * BURST.toNanos());
  }

  /** Blocks until a slot and a token are free; close the permit when the request is done. */
  public Permit acquire() throws InterruptedException {
    slots.acquire();
    try {
      TimeUnit.NANOSECONDS.sleep(reserveToken());
      // A pause that began while this caller waited for its token still applies to it.
      for (long pause = pauseLeft(); pause > 0; pause = pauseLeft()) {
        TimeUnit.NANOSECONDS.sleep(pause);
      }
    } catch (InterruptedException e) {
      // No request is sent. Callers are interrupted when a reload replaces polling: without the
      // token back, each reload would leave the next callers waiting for requests never made.
      returnToken();
      slots.release();
      throw e;
    }
    return slots::release;
  }

  /**
   * Takes a token, going into debt when none is left; returns how long the caller must wait for its
   * token to have been earned. Debt makes waiting callers queue up at the refill rate.
   */
  synchronized long reserveToken() {
    refill();
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
  }

  private synchronized void returnToken() {
    tokens = Math.min(capacity, tokens + 1);
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
    refilledAt = now;
  }

  /**
   * A 429 from the API, for a poll or a catalog read alike: the limit is per key, so every request
   * waits for its {@code Retry-After} (10 s without one). Logs the pause that applies: Retry-After
   * capped, or a longer pause already running.
   */
  public void rateLimited(Optional<Duration> retryAfter) {
    Duration pause = pauseFor(retryAfter.orElse(DEFAULT_RATE_LIMIT_PAUSE));
    logger.warn("Rate limited by the API: pausing every request for {}s", pause.toSeconds());
  }

  /**
   * Holds every request back for {@code asked} from now, at most {@link #MAX_PAUSE}; a longer pause
   * already running goes on.
   *
   * @return how long every request is held back from now on
   */
  public synchronized Duration pauseFor(Duration asked) {
    long now = nanoTime.getAsLong();
    // Capped before converting: toNanos() overflows beyond about 292 years.
    Duration pause = asked.isNegative() ? Duration.ZERO : min(asked, MAX_PAUSE);
    long until = now + pause.toNanos();
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
    return Duration.ofNanos(Math.max(0, pausedUntil - now));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** For testing only: nanoseconds left in the current pause, 0 when there is none. */
  synchronized long pauseLeft() {
    return Math.max(0, pausedUntil - nanoTime.getAsLong());
  }

  /** For testing only. */
  int availableSlots() {
    return slots.availablePermits();
  }

  /** A held concurrency slot. */
  @FunctionalInterface
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Fair slots whose number a reload can change while some are held. */
  private static final class Slots extends Semaphore {

    Slots(int permits) {
      super(permits, true);
    }

    void resize(int from, int to) {
      if (to > from) {
        release(to - from);
      } else if (to < from) {
        // May go below zero: held slots are then returned before any is handed out again.
        reducePermits(from - to);
      }
    }
  }
}
