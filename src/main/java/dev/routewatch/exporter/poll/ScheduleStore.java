package dev.routewatch.exporter.poll;

import java.util.Properties;

/** Where Quartz keeps the schedule: in this process's memory, or shared with other processes. */
public interface ScheduleStore {

  /** The schedule of this process alone. */
  ScheduleStore IN_MEMORY =
      new ScheduleStore() {
        @Override
        public void configure(Properties quartz) {
          quartz.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        }

        @Override
        public boolean shared() {
          return false;
        }
      };

  /** Sets the Quartz properties that choose this store. */
  void configure(Properties quartz);

  /**
   * Whether other processes share the schedule. It then stays in their common wall-clock time, and
   * a job one of them scheduled is theirs as much as this one's.
   */
  boolean shared();
}
