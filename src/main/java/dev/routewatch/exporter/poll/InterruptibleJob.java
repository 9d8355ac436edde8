package dev.routewatch.exporter.poll;

import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;

/**
 * A Quartz job that shutdown can interrupt: Quartz calls {@link #interrupt()} on shutdown, which
 * ends a wait for the budget or a call in flight.
 */
abstract class InterruptibleJob implements InterruptableJob {

  private volatile Thread runner;

  @Override
  public final void execute(JobExecutionContext context) {
    runner = Thread.currentThread();
    try {
      run(context);
    } finally {
      runner = null;
    }
  }

  abstract void run(JobExecutionContext context);

  @Override
  public final void interrupt() {
    Thread thread = runner;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
