using Quartz;

namespace OpenMosixBatch.Server.Cron;

/// <summary>The Quartz job of every schedule: tells the cron service which schedule's trigger fired, and for which time.</summary>
internal sealed class CronFireJob(Func<OpenMosixBatch.Core.Scheduling.ScheduleKey, DateTimeOffset, Task> onFire) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await onFire(QuartzCronTimer.KeyOf(context.JobDetail.Key), scheduled).ConfigureAwait(false);
    }
}
