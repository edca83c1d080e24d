using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// A part's processes: its process group and everything descended from its leader. Descent counts, not the group
/// alone, because what a part starts may leave it: MPICH's hydra_pmi_proxy starts each MPI rank in a session of its own.
/// </summary>
internal static class PartTree
{
    /// <summary>Live processes in <paramref name="group"/> or descended from <paramref name="leader"/>, with their start times.</summary>
    public static Dictionary<int, ulong> Of(int leader, int group)
    {
        var stats = new Dictionary<int, ProcessStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = ProcessStatParser.Parse(File.ReadAllText(Path.Combine(dir, "stat")));
                if (stat.IsLive)
                {
                    stats[pid] = stat;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process exited while we looked.
            }
        }

        var found = stats.Where(s => s.Value.ProcessGroup == group || s.Key == leader).ToDictionary(s => s.Key, s => s.Value.StartTicks);
        var children = stats.ToLookup(s => s.Value.ParentPid, s => s.Key);
        var queue = new Queue<int>(found.Keys);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children[pid])
            {
                if (found.TryAdd(child, stats[child].StartTicks))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// SIGTERM (and SIGCONT) to the part's tree as it is now, then SIGKILL after <paramref name="grace"/> to what of that
    /// tree still runs (by PID and start time, so a reused PID is never hit), and to its group.
    /// </summary>
    public static async Task KillAsync(int leader, int group, TimeSpan grace, TimeProvider time, Func<int, ulong?> startTicksOf)
    {
        var tree = Of(leader, group);
        Signals.SendToGroup(group, Signals.SigTerm);
        Signals.SendToGroup(group, Signals.SigCont);
        foreach (var pid in tree.Keys)
        {
            Signals.SendToProcess(pid, Signals.SigTerm);
            Signals.SendToProcess(pid, Signals.SigCont);
        }

        var deadline = time.GetUtcNow() + grace;
        while (tree.Any(p => startTicksOf(p.Key) == p.Value) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time).ConfigureAwait(false);
        }

        foreach (var (pid, started) in tree)
        {
            if (startTicksOf(pid) == started)
            {
                Signals.SendToProcess(pid, Signals.SigKill);
            }
        }

        Signals.SendToGroup(group, Signals.SigKill);
    }
}
