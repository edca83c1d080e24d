namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// How a rank picks up the tasks of the rank that ran on its node before it (tasks outlive their rank, as Slurm's
/// job steps outlive a restarted slurmd): from what the spool holds for a task and one look at its shepherd.
/// </summary>
/// <remarks>
/// The shepherd writes its end record and then exits, so the caller looks at the shepherd first and reads the end
/// record after: a shepherd seen gone whose record is then still absent left none. Read the other way round, a task
/// that ended between the two reads would be taken for lost and run twice.
/// </remarks>
public static class ShepherdAdoption
{
    /// <summary>Decides on one leftover task.</summary>
    /// <param name="hasOrder">The rank that started it recorded its start order (job, placement, restart count).</param>
    /// <param name="shepherdRecorded">The shepherd recorded its PID and start time (it started the job).</param>
    /// <param name="end">The end the shepherd recorded, read after <paramref name="shepherd"/> was judged, or null.</param>
    /// <param name="shepherd">The shepherd's liveness by PID and start time (a reused PID is <see cref="ProcessLiveness.Gone"/>).</param>
    public static AdoptionVerdict Decide(bool hasOrder, bool shepherdRecorded, TaskEnd? end, ProcessLiveness shepherd)
    {
        if (!hasOrder || !shepherdRecorded)
        {
            return AdoptionVerdict.Reap;
        }

        if (end is not null)
        {
            return AdoptionVerdict.ReportEnd;
        }

        return shepherd == ProcessLiveness.Gone ? AdoptionVerdict.Lost : AdoptionVerdict.Adopt;
    }

    /// <summary>
    /// Whether an adopted task's watch is over (its end is recorded, or its shepherd is gone, which the end record read
    /// after it then tells apart); an unknown look (an unreadable /proc) keeps watching.
    /// </summary>
    public static bool WatchIsOver(bool endRecorded, ProcessLiveness shepherd) =>
        endRecorded || shepherd == ProcessLiveness.Gone;
}
