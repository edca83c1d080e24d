using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Picks up what the rank that ran on this node before left in the spool (tasks outlive their rank, each held by its
/// omb-shepherd): a task whose shepherd still holds it, or that ended while no rank ran, is adopted by the runner,
/// which reports its end once; one whose shepherd is gone without a record is lost (the runner ends what is left of
/// its group and says so). A directory with nothing to adopt (a launch cut short) is reaped: its recorded group is
/// killed only if its leader's start time still matches, so a reused PID is never hit. Runs before the rank takes work.
/// </summary>
public sealed partial class ShepherdAdopter(TaskSpool spool, TaskRunner runner, ProcfsReader procfs, TimeProvider time, ILogger logger)
{
    /// <summary>Adopts or reaps every leftover; returns how many tasks were adopted and how many groups reaped.</summary>
    public async Task<(int Adopted, int Reaped)> AdoptAsync(CancellationToken ct)
    {
        var adopted = 0;
        var reaped = 0;
        foreach (var leftover in spool.Leftovers().ToList())
        {
            // The shepherd is looked at first, then its end record (see ShepherdAdoption).
            var liveness = leftover.Shepherd is { } s ? ProcessLivenessRules.Judge(procfs.ReadStat(s.ShepherdPid), s.ShepherdStartTicks) : ProcessLiveness.Gone;
            var end = File.Exists(leftover.RecordBase + ShepherdRecord.EndSuffix) ? ShepherdRecord.ParseEnd(File.ReadAllText(leftover.RecordBase + ShepherdRecord.EndSuffix)) : null;
            var verdict = ShepherdAdoption.Decide(leftover.Order is not null, leftover.Shepherd is not null, end, liveness);
            if (verdict != AdoptionVerdict.Reap && runner.Adopt(leftover, stillRunning: verdict == AdoptionVerdict.Adopt))
            {
                LogAdopted(leftover.Order!.JobId, leftover.Order.TaskIndex, leftover.Shepherd!.Value.JobPid, verdict);
                adopted++;
                continue;
            }

            if (await ReapAsync(leftover, ct).ConfigureAwait(false))
            {
                reaped++;
            }
        }

        return (adopted, reaped);
    }

    private async Task<bool> ReapAsync(SpoolLeftover leftover, CancellationToken ct)
    {
        var group = leftover.ProcessGroup;
        var killed = false;
        if (group > 1 && leftover.StartTicks != 0 && procfs.ReadStartTicks(group) == leftover.StartTicks)
        {
            Signals.SendToGroup(group, Signals.SigKill);
            var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(5);
            while (TaskProcess.ProcessesInGroup(group).Count > 0 && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct).ConfigureAwait(false);
            }

            LogReaped(group, leftover.Directory);
            killed = true;
        }

        try
        {
            spool.RemoveLeftover(leftover.Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // A tree the node cannot remove (deeper than it walks) must not stop the rank from starting.
            LogNotRemoved(leftover.Directory, e.Message);
        }

        return killed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "adopted {JobId}[{TaskIndex}] (job pid {JobPid}) from an earlier rank: {Verdict}")]
    private partial void LogAdopted(long jobId, int taskIndex, int jobPid, AdoptionVerdict verdict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "killed process group {Group} left by an earlier rank ({Directory}): nothing recorded to adopt")]
    private partial void LogReaped(int group, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "left {Directory} in the spool: {Reason}")]
    private partial void LogNotRemoved(string directory, string reason);
}
