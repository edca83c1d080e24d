using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Node.World;

// Liveness across a cut link: rank 0 tells the server which ranks it no longer hears; a rank that no longer hears rank 0
// fences itself.
public sealed partial class NodeAgent
{
    /// <summary>Exit status of a rank that fenced itself (EX_TEMPFAIL): its host could not reach rank 0.</summary>
    public const int FencedExitCode = 75;

    private const string FencedReason = "its node lost contact with rank 0 (unreachable host)";

    /// <summary>The world's tick interval: rank 0 reports a rank once it is two ticks late.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A rank other than 0 that hears nothing from rank 0 for this long ends its tasks and exits; zero never.</summary>
    public TimeSpan UnreachableAfter { get; init; }

    /// <summary>
    /// How a fenced rank leaves, with its exit status: <c>_exit</c> in omb-node (no MPI_Finalize, which would wait for the
    /// ranks this host cannot reach); a test's in-process world records the status instead.
    /// </summary>
    public Action<int> Exit { get; init; } = ExitNow;

    private async Task WatchSilenceAsync(CancellationToken ct)
    {
        var reported = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TickInterval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var silences = transport.Silences();
            if (silences.Count == 0)
            {
                continue;
            }

            if (link is not null)
            {
                // Sent every interval while any rank is late, so the server hears from rank 0 although no tick completes.
                var late = silences.Select((silence, rank) => (silence, rank))
                    .Where(x => x.rank != transport.Rank && x.silence > TickInterval * 2)
                    .Select(x => new RankSilence(NodeOf(x.rank), x.rank, x.silence))
                    .ToList();
                if (late.Count > 0 || reported)
                {
                    link.UpdateSilences(late);
                }

                reported = late.Count > 0;
            }
            else if (UnreachableAfter > TimeSpan.Zero && silences[0] >= UnreachableAfter)
            {
                await FenceAsync(silences[0]).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>
    /// This host is cut off: the server will run this node's tasks elsewhere from their checkpoints, so they must not run
    /// on here beside their copies (writing the same output files). End them, then leave without MPI_Finalize, which
    /// would wait for the ranks this host cannot reach.
    /// </summary>
    private async Task FenceAsync(TimeSpan silence)
    {
        LogFencing(transport.Rank, silence.TotalSeconds, runner.RunningCount);
        await runner.KillAllAsync(FencedReason, killGrace + TimeSpan.FromSeconds(1), serverStopping: false).ConfigureAwait(false);
        LogFenced(transport.Rank, FencedExitCode);

        // The console logger writes on a thread of its own: give it a moment to flush the lines above.
        await Task.Delay(TimeSpan.FromMilliseconds(300), time).ConfigureAwait(false);
        Exit(FencedExitCode);
    }

    private string NodeOf(int rank)
    {
        var loads = _loads;
        return rank < loads.Count ? loads[rank].Node : $"rank{rank}";
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void ExitNow(int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rank {Rank} has heard nothing from rank 0 for {Seconds:0} s: its host is cut off; ending {Tasks} task(s) and leaving the world")]
    private partial void LogFencing(int rank, double seconds, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rank {Rank} fenced: exiting with status {Status}")]
    private partial void LogFenced(int rank, int status);
}
