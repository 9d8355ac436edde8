package dev.routewatch.exporter.poll;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job that reads the account's sources, built by {@link PollJobFactory}; never two at
 * once.
 */
@DisallowConcurrentExecution
public final class AccountJob extends InterruptibleJob {

  private final Runnable read;

  AccountJob(Runnable read) {
    this.read = read;
  }

  @Override
  void run(JobExecutionContext context) {
    read.run();
  }
}
