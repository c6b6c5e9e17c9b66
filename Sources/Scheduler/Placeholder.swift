/// Placeholder until the scheduler lands.
enum SchedulerPlaceholder {}
