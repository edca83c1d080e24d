using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.World;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>
/// A world of N ranks in one process, for tests of the node agent without mpiexec: each rank is an
/// <see cref="InProcessRank"/> (the in-process adapter of <see cref="IRankTransport"/>), messages go through channels,
/// serialised as the MPI pump does, and a tick happens when the test calls <see cref="Tick"/>: every rank gets every
/// rank's latest report, and the tick at which any rank has asked to stop is the final one, for every rank at once
/// (the MPI pump's agreed stop).
/// </summary>
internal sealed class InProcessWorld
{
    private readonly Lock _lock = new();
    private long _sequence;

    public InProcessWorld(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Ranks = [.. Enumerable.Range(0, size).Select(rank => new InProcessRank(this, rank, size))];
    }

    /// <summary>The ranks, by rank.</summary>
    public IReadOnlyList<InProcessRank> Ranks { get; }

    /// <summary>True once the final tick has gone out.</summary>
    public bool Stopped { get; private set; }

    /// <summary>One tick; returns true when it was the final one.</summary>
    public bool Tick()
    {
        lock (_lock)
        {
            if (Stopped)
            {
                return true;
            }

            var final = Ranks.Any(r => r.StopRequested);
            var tick = new WorldTick(++_sequence, [.. Ranks.Select(r => r.Report)], final);
            foreach (var rank in Ranks)
            {
                rank.Deliver(tick);
            }

            if (final)
            {
                Stopped = true;
                foreach (var rank in Ranks)
                {
                    rank.Complete();
                }
            }

            return final;
        }
    }

    /// <summary>Delivers a payload to <paramref name="destination"/>'s inbox; refused once the world stopped.</summary>
    internal void Route(int source, int destination, int tag, byte[] payload)
    {
        lock (_lock)
        {
            if (Stopped)
            {
                throw new InvalidOperationException("the world has stopped: nothing more is sent");
            }

            ArgumentOutOfRangeException.ThrowIfNegative(destination);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(destination, Ranks.Count);
            Ranks[destination].Receive(new InProcessMessage(source, tag, payload));
        }
    }

    /// <summary>The report of a rank that has not reported yet (rank -1, as the MPI pump's initial report).</summary>
    internal static NodeLoad NoReport => new("", -1, 0, 0, 1, 0, 0, 0, []);
}
