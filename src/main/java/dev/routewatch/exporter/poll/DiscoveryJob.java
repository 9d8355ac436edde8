package dev.routewatch.exporter.poll;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** The Quartz job that reads the catalog again; never two at once, interruptible on shutdown. */
@DisallowConcurrentExecution
public final class DiscoveryJob implements InterruptableJob {

  static final String DISCOVERY_KEY = "discovery";

  private volatile Thread runner;

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    Runnable discovery;
    try {
      discovery = (Runnable) context.getScheduler().getContext().get(DISCOVERY_KEY);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
    runner = Thread.currentThread();
    try {
      discovery.run();
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
