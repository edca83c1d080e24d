using Quartz;
using Quartz.Extensibility;

namespace OpenMosixBatch.Server.Cron;

/// <summary>Builds the <see cref="CronFireJob"/> of each fire around the service's callback (no container needed).</summary>
internal sealed class CronFireJobFactory(Func<OpenMosixBatch.Core.Scheduling.ScheduleKey, DateTimeOffset, Task> onFire) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JobScope(new CronFireJob(onFire), null));

    public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
