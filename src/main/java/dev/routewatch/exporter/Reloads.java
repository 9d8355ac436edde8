package dev.routewatch.exporter;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs configuration reloads one at a time on a thread of their own, so that a file that takes long
 * to read holds neither a signal handler nor a web thread. At most one reload runs and one waits: a
 * request while one runs is either remembered (SIGHUP: the file may have changed after the running
 * reload read it) or refused (POST /-/reload, answered 503, so that hanging requests cannot take
 * every web thread).
 */
final class Reloads implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(Reloads.class);

  static final String STOPPING = "the exporter is stopping";

  private final Supplier<Optional<String>> reload;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "config-reload");
            // A reload stuck on a file must not keep the process from exiting.
            thread.setDaemon(true);
            return thread;
          });

  // Guarded by this.
  private boolean running;
  private boolean pending;
  private boolean closed;

  /**
   * @param reload reads and applies the configuration; returns the problem when it failed
   */
  Reloads(Supplier<Optional<String>> reload) {
    this.reload = reload;
  }

  /** Starts a reload, or has one more run after the running one; returns at once. */
  void request() {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (running) {
        pending = true;
        return;
      }
      running = true;
    }
    worker.execute(() -> runFrom(new CompletableFuture<>()));
  }

  /**
   * Starts a reload unless one runs.
   *
   * @return the problem, or none, when the reload is done; empty when one was running already
   */
  Optional<CompletableFuture<Optional<String>>> startIfIdle() {
    synchronized (this) {
      if (closed) {
        return Optional.of(CompletableFuture.completedFuture(Optional.of(STOPPING)));
      }
      if (running) {
        return Optional.empty();
      }
      running = true;
    }
    CompletableFuture<Optional<String>> done = new CompletableFuture<>();
    worker.execute(() -> runFrom(done));
    return Optional.of(done);
  }

  /** Runs a reload, then the one asked for meanwhile, if any. */
  private void runFrom(CompletableFuture<Optional<String>> first) {
    CompletableFuture<Optional<String>> done = first;
    while (true) {
      try {
        done.complete(reload.get());
      } catch (RuntimeException e) {
        logger.error("Reload failed", e);
        done.complete(Optional.of("unexpected error: " + e.getClass().getSimpleName()));
      }
      synchronized (this) {
        if (!pending || closed) {
          running = false;
          return;
        }
        pending = false;
      }
      done = new CompletableFuture<>();
    }
  }

  /**
   * Drops the waiting reload and refuses new ones. The running one is left to end on its own daemon
   * thread (its file may never answer), and is not waited for.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    worker.shutdown();
  }
}
