package dev.routewatch.exporter.poll;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** The Quartz job that reads the catalog again; never two at once. */
@DisallowConcurrentExecution
public final class DiscoveryJob extends InterruptibleJob {

  static final String DISCOVERY_KEY = "discovery";

  @Override
  void run(JobExecutionContext context) throws JobExecutionException {
    fromContext(context, DISCOVERY_KEY, Runnable.class).run();
  }
}
