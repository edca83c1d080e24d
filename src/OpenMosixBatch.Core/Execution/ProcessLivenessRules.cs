namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// Decides whether a recorded process (a world's mpiexec) still runs, from one read of its /proc/PID/stat. Only
/// positive evidence makes it <see cref="ProcessLiveness.Gone"/>: a failed read is <see cref="ProcessLiveness.Unknown"/>,
/// because a server out of file descriptors that took a living world for dead would requeue its running tasks and
/// launch a second world beside it (issue 22).
/// </summary>
public static class ProcessLivenessRules
{
    public static ProcessLiveness Judge(ProcStatReading reading, ulong startTicks)
    {
        switch (reading.Outcome)
        {
            case ProcStatOutcome.NoSuchProcess:
                return ProcessLiveness.Gone;
            case ProcStatOutcome.Read:
                // The kernel always writes a whole line; one that does not parse proves nothing either way.
                if (ProcessStatParser.TryParse(reading.Text) is not { } stat)
                {
                    return ProcessLiveness.Unknown;
                }

                return stat.IsLive && stat.StartTicks == startTicks ? ProcessLiveness.Alive : ProcessLiveness.Gone;
            default:
                return ProcessLiveness.Unknown;
        }
    }
}
