package dev.routewatch.exporter.poll;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job that reads the catalog again, built by {@link PollJobFactory}; never two at once.
 */
@DisallowConcurrentExecution
public final class DiscoveryJob extends InterruptibleJob {

  private final Runnable discovery;

  DiscoveryJob(Runnable discovery) {
    this.discovery = discovery;
  }

  @Override
  void run(JobExecutionContext context) {
    discovery.run();
  }
}
