using OpenMosixBatch.Simulation.Swf;

namespace OpenMosixBatch.Simulation.Workload;

/// <summary>
/// Turns a trace's lines into jobs. Every rule about a field that is -1 (unknown) or odd is here, one per line below.
/// </summary>
/// <remarks>
/// <para><see cref="LoadingRules.Standard"/>:</para>
/// <list type="bullet">
/// <item>submit time -1: the line is skipped (the job cannot be placed in time).</item>
/// <item>run time -1: skipped (how long it held the machine is unknown); run time 0: kept, it ends as it starts.</item>
/// <item>processors: the allocated number (field 5); when that is -1 or 0, the requested number (field 8); when both
/// are unknown, skipped.</item>
/// <item>requested time -1: no walltime, as a job submitted without one (the server's backfill cannot reserve past
/// it); a job runs its actual run time even when that exceeds its request.</item>
/// <item>requested memory -1: no memory request.</item>
/// <item>status is not used: a cancelled or failed job that ran held its processors all the same.</item>
/// <item>order: by submit time, then by file order.</item>
/// </list>
/// <para><see cref="LoadingRules.RlScheduler"/> (RLScheduler's job loader): run time 0 skipped, run time -1 becomes
/// 10 s; processors = max(allocated, requested); requested time -1 becomes the actual run time; memory ignored; order
/// by job number.</para>
/// </remarks>
public static class TraceLoader
{
    public const long RlSchedulerUnknownRunTime = 10;

    public static LoadedTrace Load(SwfTrace trace, LoadingRules rules)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var jobs = new List<TraceJob>(trace.Records.Count);
        var skipped = 0;
        foreach (var r in trace.Records)
        {
            if ((rules == LoadingRules.RlScheduler ? RlScheduler(r) : Standard(r)) is { } job)
            {
                jobs.Add(job);
            }
            else
            {
                skipped++;
            }
        }

        var ordered = rules == LoadingRules.RlScheduler
            ? jobs.OrderBy(j => j.Number).ToList()
            : jobs.OrderBy(j => j.Submit).ToList();   // a stable sort: file order among equal submit times
        return new LoadedTrace(ordered, skipped);
    }

    private static TraceJob? Standard(SwfRecord r)
    {
        if (r.SubmitTime < 0 || r.RunTime < 0)
        {
            return null;
        }

        var processors = r.AllocatedProcessors > 0 ? r.AllocatedProcessors : r.RequestedProcessors;
        if (processors <= 0)
        {
            return null;
        }

        return new TraceJob(r.JobNumber, r.SubmitTime, r.RunTime, Clamp(processors), r.RequestedTime >= 0 ? r.RequestedTime : null,
            Math.Max(0, r.RequestedMemoryKb));
    }

    private static TraceJob? RlScheduler(SwfRecord r)
    {
        var run = r.RunTime < 0 ? RlSchedulerUnknownRunTime : r.RunTime;
        var processors = Math.Max(r.AllocatedProcessors, r.RequestedProcessors);
        if (run == 0 || processors <= 0 || r.SubmitTime < 0)
        {
            return null;
        }

        return new TraceJob(r.JobNumber, r.SubmitTime, run, Clamp(processors), r.RequestedTime < 0 ? run : r.RequestedTime, 0);
    }

    private static int Clamp(long processors) => (int)Math.Min(processors, int.MaxValue);
}
