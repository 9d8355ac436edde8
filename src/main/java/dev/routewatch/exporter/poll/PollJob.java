package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of one model. {@code @DisallowConcurrentExecution}: a poll that outlasts the
 * interval delays the next one instead of running beside it. Interruptible, so shutdown ends a poll
 * that waits for the budget.
 */
@DisallowConcurrentExecution
public final class PollJob implements InterruptableJob {

  static final String MODEL_KEY = "model";
  static final String POLLER_KEY = "poller";

  private volatile Thread runner;

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    ModelId model = new ModelId(context.getMergedJobDataMap().getString(MODEL_KEY));
    ModelPoller poller;
    try {
      poller = (ModelPoller) context.getScheduler().getContext().get(POLLER_KEY);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
    runner = Thread.currentThread();
    try {
      poller.poll(model);
    } catch (InterruptedException e) {
      // Shutdown: stop quietly, Quartz is going away.
      Thread.currentThread().interrupt();
    } finally {
      runner = null;
    }
  }

  @Override
  public void interrupt() {
    Thread thread = runner;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
