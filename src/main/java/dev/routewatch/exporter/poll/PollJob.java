package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one model, built by {@link PollJobFactory}.
 * {@code @DisallowConcurrentExecution}: a poll that outlasts the interval delays the next one
 * instead of running beside it.
 */
@DisallowConcurrentExecution
public final class PollJob extends InterruptibleJob {

  static final String MODEL_KEY = "model";

  private final ModelPoller poller;

  PollJob(ModelPoller poller) {
    this.poller = poller;
  }

  @Override
  void run(JobExecutionContext context) {
    ModelId model = new ModelId(context.getMergedJobDataMap().getString(MODEL_KEY));
    try {
      poller.poll(model);
    } catch (InterruptedException e) {
      // Shutdown: stop quietly, Quartz is going away.
      Thread.currentThread().interrupt();
    }
  }
}
