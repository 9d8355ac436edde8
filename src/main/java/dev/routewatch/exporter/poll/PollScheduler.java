package dev.routewatch.exporter.poll;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz wiring: one {@link PollJob} per model, in a job store of this process or one shared with
 * other replicas ({@link ScheduleStore}). Every model is polled once right when it is first
 * scheduled; after that model {@code i} of {@code n} repeats every interval from {@code 1 + i / n}
 * intervals on, so the polls are spread across the interval instead of all falling on the same
 * second.
 *
 * <p>Misfires are skipped, never caught up: a trigger more than half an interval late (a slow poll
 * of the same model, or all threads busy) waits for its next regular time, so a slow upstream never
 * causes a burst of catch-up polls.
 *
 * <p>Quartz keeps each trigger's next fire time in wall-clock time: a wall clock stepped back an
 * hour would hold every poll back an hour, and one that ran a day ahead and was corrected would
 * hold them back a day. So a watch compares the wall clock with the monotonic one every second
 * ({@link WallClockSteps}) and, after a step, moves every trigger by the step, keeping its place in
 * the interval. A shared schedule is in the replicas' common wall-clock time and is left alone:
 * their clocks must be kept in sync, as Quartz's clustering requires.
 */
public final class PollScheduler implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(PollScheduler.class);

  private static final String GROUP = "poll";
  private static final Duration STEP_CHECK = Duration.ofSeconds(1);
  private static final String DISCOVERY_GROUP = "discovery";
  private static final String ACCOUNT_GROUP = "account";
  private static final Duration MAX_MISFIRE_THRESHOLD = Duration.ofMinutes(1);
  private static final AtomicInteger instances = new AtomicInteger();

  private final Scheduler scheduler;
  private final PollJobFactory jobs;
  private final Duration interval;
  private final TimeSource time;
  private final boolean shared;
  private final ScheduledExecutorService stepWatch =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "wall-clock-steps");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param store where the schedule is kept
   * @param time the clocks; a step of the wall clock is watched for on them
   */
  public PollScheduler(
      ModelPoller poller, Duration interval, int threads, ScheduleStore store, TimeSource time)
      throws SchedulerException {
    this.interval = interval;
    this.time = time;
    this.shared = store.shared();
    this.jobs = new PollJobFactory(poller);
    Properties properties = quartzProperties(interval, threads);
    store.configure(properties);
    this.scheduler = new StdSchedulerFactory(properties).getScheduler();
    scheduler.setJobFactory(jobs);
  }

  private static Properties quartzProperties(Duration interval, int threads) {
    Properties properties = new Properties();
    // Quartz keeps schedulers in a JVM-wide registry by name; tests start several exporters.
    properties.setProperty(
        "org.quartz.scheduler.instanceName", "openrouter-exporter-" + instances.incrementAndGet());
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    properties.setProperty("org.quartz.scheduler.interruptJobsOnShutdown", "true");
    properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    properties.setProperty(
        "org.quartz.jobStore.misfireThreshold",
        Long.toString(Math.max(1, misfireThreshold(interval).toMillis())));
    return properties;
  }

  /** How late a fire may be and still run; a later one waits for its next regular time. */
  private static Duration misfireThreshold(Duration interval) {
    Duration half = interval.dividedBy(2);
    return half.compareTo(MAX_MISFIRE_THRESHOLD) > 0 ? MAX_MISFIRE_THRESHOLD : half;
  }

  /** Schedules every model (that no other replica has scheduled) and starts polling. */
  public void start(List<ModelId> models) throws SchedulerException {
    update(models);
    scheduler.start();
    WallClockSteps steps = new WallClockSteps(time);
    // The executor waits on the monotonic clock, so the watch itself keeps running through a step.
    stepWatch.scheduleWithFixedDelay(
        () -> steps.check().ifPresent(this::wallClockStepped),
        STEP_CHECK.toMillis(),
        STEP_CHECK.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Moves every trigger by {@code step}, unless the schedule is shared (class comment). */
  synchronized void wallClockStepped(Duration step) {
    if (shared) {
      logger.warn(
          "The wall clock stepped by {} ms; the cluster's shared schedule stays in wall-clock time,"
              + " so keep every replica's clock synchronized",
          step.toMillis());
      return;
    }
    try {
      Instant now = time.now().wall();
      for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
        if (scheduler.getTrigger(key) instanceof SimpleTrigger trigger
            && trigger.getNextFireTime() != null) {
          Instant next =
              afterStep(
                  trigger.getNextFireTime().toInstant(),
                  step,
                  now,
                  Duration.ofMillis(trigger.getRepeatInterval()));
          scheduler.rescheduleJob(
              key, trigger.getTriggerBuilder().startAt(Date.from(next)).build());
        }
      }
      logger.warn(
          "The wall clock stepped by {} ms; polls rescheduled to keep their rhythm",
          step.toMillis());
    } catch (SchedulerException | RuntimeException e) {
      // Thrown out of the watch's task, it would end the watch for good.
      logger.error("Rescheduling polls after a step of the wall clock failed", e);
    }
  }

  /**
   * When a trigger due at {@code next} before the wall clock stepped by {@code step} fires now: at
   * {@code next + step}, the same moment in the new wall-clock time. A repeating trigger keeps its
   * place in its interval from {@code now} on (Quartz may have moved it to another slot already): a
   * fire that passed while the step went unnoticed runs now if it is late by less than the misfire
   * threshold, as Quartz would run it, else the next one waits for its time. Either way within one
   * interval, and never a burst.
   */
  static Instant afterStep(Instant next, Duration step, Instant now, Duration repeat) {
    Instant due = next.plus(step);
    if (repeat.isZero()) {
      return due.isBefore(now) ? now : due;
    }
    long ahead = Math.floorMod(Duration.between(now, due).toMillis(), repeat.toMillis());
    long late = repeat.toMillis() - ahead;
    return late < misfireThreshold(repeat).toMillis() ? now : now.plusMillis(ahead);
  }

  /**
   * Makes {@code models} the polled set (at start, after a reload): removed models stop (a poll
   * under way finishes, and the store ignores its result), added ones are polled at once and then
   * spread across the interval among themselves; the others keep their rhythm.
   *
   * <p>A shared schedule outlives every replica: a model another replica has scheduled is left as
   * it is (scheduling it again would reset its rhythm and poll it twice), unless its interval
   * changed.
   */
  public synchronized void update(List<ModelId> models) throws SchedulerException {
    Set<String> wanted = new HashSet<>();
    models.forEach(model -> wanted.add(model.value()));
    for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!wanted.contains(job.getName())) {
        scheduler.deleteJob(job);
      }
    }
    List<ModelId> missing = new ArrayList<>();
    for (ModelId model : models) {
      if (!scheduler.checkExists(JobKey.jobKey(model.value(), GROUP))) {
        missing.add(model);
      } else if (!(scheduler.getTrigger(everyKey(model)) instanceof SimpleTrigger every)
          || every.getRepeatInterval() != interval.toMillis()) {
        scheduler.rescheduleJob(
            everyKey(model), repeating(model, time.now().wall().plus(interval)));
      }
    }
    schedule(missing);
  }

  private void schedule(List<ModelId> models) throws SchedulerException {
    Instant now = time.now().wall();
    int count = models.size();
    for (int i = 0; i < count; i++) {
      ModelId model = models.get(i);
      JobDetail job =
          newJob(PollJob.class)
              .withIdentity(model.value(), GROUP)
              .usingJobData(PollJob.MODEL_KEY, model.value())
              .storeDurably()
              .build();
      Trigger first =
          newTrigger()
              .withIdentity(model.value() + "/first", GROUP)
              .forJob(job)
              .startAt(Date.from(now))
              .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      // After the first round, not during it: a repeat falling due while the model's first poll
      // still waits for a thread would be skipped as a misfire, and the model would miss an
      // interval.
      Instant firstRepeat = now.plus(interval).plus(interval.multipliedBy(i).dividedBy(count));
      try {
        // Job and triggers in one transaction: a replica never sees half a model's schedule.
        scheduler.scheduleJob(job, Set.of(first, repeating(model, firstRepeat)), false);
      } catch (ObjectAlreadyExistsException ignored) {
        // Another replica, starting at the same moment, scheduled it first: that one counts.
      }
    }
  }

  private static TriggerKey everyKey(ModelId model) {
    return TriggerKey.triggerKey(model.value() + "/every", GROUP);
  }

  private Trigger repeating(ModelId model, Instant start) {
    return newTrigger()
        .withIdentity(everyKey(model))
        .forJob(model.value(), GROUP)
        .startAt(Date.from(start))
        .withSchedule(every(interval))
        .build();
  }

  /** Repeats forever; a late fire waits for its next regular time (see the class comment). */
  private static SimpleScheduleBuilder every(Duration interval) {
    return simpleSchedule()
        .withIntervalInMilliseconds(interval.toMillis())
        .repeatForever()
        .withMisfireHandlingInstructionNextWithRemainingCount();
  }

  /**
   * Runs {@code discovery} at once and then every {@code interval}.
   *
   * @param replace whether to replace an existing discovery schedule; without, one that exists
   *     (another replica's, in a cluster) is kept unless its interval differs
   */
  public synchronized void discoverEvery(Duration interval, Runnable discovery, boolean replace)
      throws SchedulerException {
    // Every replica must hold the discovery it would run, whichever replica scheduled it.
    jobs.discovery(discovery);
    repeat(DiscoveryJob.class, DISCOVERY_GROUP, interval, true, replace);
  }

  /**
   * Runs {@code read} (every account source in turn) at once and then every {@code interval}; with
   * null, stops reading the account. In a cluster the schedule is shared, so one replica reads per
   * interval for all.
   *
   * @param replace as for {@link #discoverEvery}
   */
  public synchronized void readAccountEvery(Duration interval, Runnable read, boolean replace)
      throws SchedulerException {
    if (read != null) {
      jobs.account(read);
    }
    repeat(AccountJob.class, ACCOUNT_GROUP, interval, read != null, replace);
  }

  /** One job of {@code type} in {@code group}, repeating every {@code interval}, or none. */
  private void repeat(
      Class<? extends Job> type, String group, Duration interval, boolean run, boolean replace)
      throws SchedulerException {
    JobKey key = JobKey.jobKey(group, group);
    TriggerKey triggerKey = TriggerKey.triggerKey(group, group);
    if (!run) {
      scheduler.deleteJob(key);
      return;
    }
    if (!replace
        && scheduler.getTrigger(triggerKey) instanceof SimpleTrigger running
        && running.getRepeatInterval() == interval.toMillis()) {
      return;
    }
    scheduler.deleteJob(key);
    try {
      scheduler.scheduleJob(
          newJob(type).withIdentity(key).build(),
          newTrigger()
              .withIdentity(triggerKey)
              .startNow()
              // The first read is late when the first polls hold every thread (a short
              // poll.interval); skipped as a misfire, it would wait a whole interval.
              .withSchedule(every(interval).withMisfireHandlingInstructionNowWithRemainingCount())
              .build());
    } catch (ObjectAlreadyExistsException ignored) {
      // Another replica, starting at the same moment, scheduled it first: that one counts.
    }
  }

  /** Stops every trigger and interrupts running polls; does not wait for them. */
  @Override
  public void close() throws SchedulerException {
    stepWatch.shutdownNow();
    scheduler.shutdown(false);
  }
}
