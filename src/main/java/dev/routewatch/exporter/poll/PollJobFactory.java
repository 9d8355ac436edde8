package dev.routewatch.exporter.poll;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Builds each job Quartz fires with this process's collaborators. A job store keeps only a job's
 * class, key and data (in a cluster, in the shared tables, read by whichever replica fires it), so
 * the poller and the discovery come from here, never from what is stored.
 */
final class PollJobFactory implements JobFactory {

  private final ModelPoller poller;

  // Another replica's discovery or account schedule may fire here while this one has it off.
  private volatile Runnable discovery = () -> {};
  private volatile Runnable account = () -> {};

  PollJobFactory(ModelPoller poller) {
    this.poller = poller;
  }

  /** What a {@link DiscoveryJob} fired from now on runs. */
  void discovery(Runnable discovery) {
    this.discovery = discovery;
  }

  /** What an {@link AccountJob} fired from now on runs. */
  void account(Runnable account) {
    this.account = account;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    if (type == PollJob.class) {
      return new PollJob(poller);
    }
    if (type == DiscoveryJob.class) {
      return new DiscoveryJob(discovery);
    }
    if (type == AccountJob.class) {
      return new AccountJob(account);
    }
    throw new SchedulerException("No job of class " + type.getName());
  }
}
