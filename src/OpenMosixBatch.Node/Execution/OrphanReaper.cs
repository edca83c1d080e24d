using Microsoft.Extensions.Logging;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Ends the tasks a dead rank of this node left behind (tasks run in their own sessions, so they outlive a rank killed
/// with SIGKILL). Runs before the new rank takes work: those tasks were requeued by the server and would otherwise
/// run twice. A recorded group is killed only if its leader's start time still matches, so a reused PID is never hit.
/// </summary>
public sealed partial class OrphanReaper(TaskSpool spool, ProcfsReader procfs, TimeProvider time, ILogger logger)
{
    public async Task<int> ReapAsync(CancellationToken ct)
    {
        var reaped = 0;
        foreach (var (dir, group, start) in spool.Leftovers().ToList())
        {
            if (group > 1 && start != 0 && procfs.ReadStartTicks(group) == start)
            {
                Signals.SendToGroup(group, Signals.SigKill);
                var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(5);
                while (TaskProcess.ProcessesInGroup(group).Count > 0 && time.GetUtcNow() < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct).ConfigureAwait(false);
                }

                LogReaped(group, dir);
                reaped++;
            }

            try
            {
                spool.RemoveLeftover(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // A tree the node cannot remove (deeper than it walks) must not stop the rank from starting.
                LogNotRemoved(dir, e.Message);
            }
        }

        return reaped;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "killed process group {Group} left by an earlier rank ({Directory})")]
    private partial void LogReaped(int group, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "left {Directory} in the spool: {Reason}")]
    private partial void LogNotRemoved(string directory, string reason);
}
