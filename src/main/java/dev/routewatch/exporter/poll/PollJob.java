package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz job of one model. {@code @DisallowConcurrentExecution}: a poll that outlasts the
 * interval delays the next one instead of running beside it.
 */
@DisallowConcurrentExecution
public final class PollJob extends InterruptibleJob {

  static final String MODEL_KEY = "model";
  static final String POLLER_KEY = "poller";

  @Override
  void run(JobExecutionContext context) throws JobExecutionException {
    ModelId model = new ModelId(context.getMergedJobDataMap().getString(MODEL_KEY));
    try {
      fromContext(context, POLLER_KEY, ModelPoller.class).poll(model);
    } catch (InterruptedException e) {
      // Shutdown: stop quietly, Quartz is going away.
      Thread.currentThread().interrupt();
    }
  }
}
