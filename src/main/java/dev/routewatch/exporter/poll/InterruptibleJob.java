package dev.routewatch.exporter.poll;

import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * A Quartz job that shutdown can interrupt: Quartz calls {@link #interrupt()} on shutdown, which
 * ends a wait for the budget or a call in flight.
 */
abstract class InterruptibleJob implements InterruptableJob {

  private volatile Thread runner;

  @Override
  public final void execute(JobExecutionContext context) throws JobExecutionException {
    runner = Thread.currentThread();
    try {
      run(context);
    } finally {
      runner = null;
    }
  }

  abstract void run(JobExecutionContext context) throws JobExecutionException;

  /** An object the scheduler's context holds for every job of a kind. */
  static <T> T fromContext(JobExecutionContext context, String key, Class<T> type)
      throws JobExecutionException {
    try {
      return type.cast(context.getScheduler().getContext().get(key));
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }

  @Override
  public final void interrupt() {
    Thread thread = runner;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
