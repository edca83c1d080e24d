using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

// Parts a dead rank left (omb rsh, hence mpiexec's proxies and ranks): never adopted, since nothing would relay their
// output, but ended by the rank that starts next on the node, and their ends reported with what they used.
public sealed partial class TaskRunner
{
    /// <summary>How long a leftover part's shepherd has to record its end after the group's SIGKILL.</summary>
    private static readonly TimeSpan LeftoverEndWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Finds the parts an earlier rank of this node left in <c>SPOOL/NODE.parts</c> and, in the background, ends each
    /// one still running (SIGTERM, SIGKILL after the kill grace) and reports every one's end once
    /// (<see cref="LeftoverPartRules"/>): the exit status, CPU time and peak memory its shepherd recorded, so the part
    /// counts in the task's resources_used and its <c>omb rsh</c> returns. Called before the rank takes work.
    /// </summary>
    /// <returns>The leftover parts found, and the task each ends when its end has been reported.</returns>
    public IReadOnlyList<Task> EndLeftoverParts()
    {
        if (!Directory.Exists(PartsRoot))
        {
            return [];
        }

        var ending = new List<Task>();
        var bases = Directory.EnumerateFiles(PartsRoot).Select(Path.GetFileNameWithoutExtension).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in bases)
        {
            if (name is null || PartRecordName.Parse(name) is not { } ids)
            {
                continue;
            }

            var record = Path.Combine(PartsRoot, name);
            var start = ReadRecord(record + ShepherdRecord.StartSuffix) is { } text ? ShepherdRecord.ParseStart(text) : null;
            // The shepherd first, then its record (see LeftoverPartRules).
            var liveness = start is { } s ? ProcessLivenessRules.Judge(procfs.ReadStat(s.ShepherdPid), s.ShepherdStartTicks) : ProcessLiveness.Gone;
            var verdict = LeftoverPartRules.Decide(start, ReadEnd(record), liveness);
            ending.Add(EndLeftoverPartAsync(ids, record, verdict, start));
        }

        return ending;
    }

    private async Task EndLeftoverPartAsync((long JobId, int TaskIndex, long PartId) ids, string record, LeftoverPartVerdict verdict, ShepherdStart? start)
    {
        if (verdict == LeftoverPartVerdict.End && start is { } shepherd)
        {
            // While its shepherd runs without an end recorded, the part's leader is its unreaped child: the group and the
            // tree below it are the part's (an MPI rank its proxy started runs in a session of its own).
            await PartTree.KillAsync(shepherd.JobPid, shepherd.JobPid, killGrace, time, procfs.ReadStartTicks).ConfigureAwait(false);
            await EndRecordedAsync(record, shepherd, LeftoverEndWait).ConfigureAwait(false);
        }

        var end = ReadEnd(record);
        foreach (var suffix in new[] { ".out", ".err", ShepherdRecord.StartSuffix, ShepherdRecord.EndSuffix })
        {
            File.Delete(record + suffix);
        }

        _reports.Writer.TryWrite(new TaskPartEnded(ids.JobId, ids.TaskIndex, ids.PartId, end?.ExitStatus ?? TaskProcess.UnrecordedExitStatus,
            end?.CpuTime ?? TimeSpan.Zero, end?.PeakRssBytes ?? 0, LeftoverPartRules.Reason(verdict, nodeName)));
    }

    /// <summary>Waits up to <paramref name="wait"/> for the shepherd to record the end or be gone; true when it did either.</summary>
    private async Task<bool> EndRecordedAsync(string record, ShepherdStart shepherd, TimeSpan wait)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var liveness = ProcessLivenessRules.Judge(procfs.ReadStat(shepherd.ShepherdPid), shepherd.ShepherdStartTicks);
            if (ShepherdAdoption.WatchIsOver(File.Exists(record + ShepherdRecord.EndSuffix), liveness))
            {
                return true;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time).ConfigureAwait(false);
        }
    }

    private static TaskEnd? ReadEnd(string record) =>
        ReadRecord(record + ShepherdRecord.EndSuffix) is { } text ? ShepherdRecord.ParseEnd(text) : null;

    private static string? ReadRecord(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
