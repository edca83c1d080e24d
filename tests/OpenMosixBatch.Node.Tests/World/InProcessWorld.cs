using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.World;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>
/// A world of N ranks in one process, for tests of the node agent without mpiexec: each rank is an
/// <see cref="InProcessRank"/> (the in-process adapter of <see cref="IRankTransport"/>), messages go through channels,
/// serialised as the MPI pump does, and a tick happens when the test calls <see cref="Tick"/>: every rank gets every
/// rank's latest report, and the tick at which any rank has asked to stop is the final one, for every rank at once
/// (the MPI pump's agreed stop). A rank can be cut off (<see cref="Cut"/>): as over a broken link, nothing it sends
/// arrives and nothing reaches it, and no tick completes (every tick needs every rank's report), so the ranks hear
/// silence from it (the others hear each other's heartbeats) until it is mended.
/// </summary>
internal sealed class InProcessWorld
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _cut = [];
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

    /// <summary>Cuts <paramref name="rank"/> off from every other rank, as a broken link or a hung host would.</summary>
    public void Cut(int rank)
    {
        lock (_lock)
        {
            _cut.Add(rank);
        }
    }

    /// <summary>Mends the links of every rank that was cut off.</summary>
    public void Mend()
    {
        lock (_lock)
        {
            _cut.Clear();
        }
    }

    /// <summary>One tick; returns true when it was the final one. None completes while a rank is cut off.</summary>
    public bool Tick()
    {
        lock (_lock)
        {
            if (Stopped)
            {
                return true;
            }

            if (_cut.Count > 0)
            {
                // The collective waits for the cut rank; meanwhile the heartbeats of the MPI pump go out (rank 0 to every
                // rank, the others to rank 0) and arrive where the link holds: only the cut rank falls silent.
                Heartbeats();
                return false;
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

    private void Heartbeats()
    {
        if (_cut.Contains(0))
        {
            return;
        }

        foreach (var rank in Ranks.Skip(1).Where(r => !_cut.Contains(r.Rank)))
        {
            rank.Heard(0);
            Ranks[0].Heard(rank.Rank);
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
            if (source != destination && (_cut.Contains(source) || _cut.Contains(destination)))
            {
                // Lost on the broken link.
                return;
            }

            Ranks[destination].Receive(new InProcessMessage(source, tag, payload));
        }
    }

    /// <summary>The report of a rank that has not reported yet (rank -1, as the MPI pump's initial report).</summary>
    internal static NodeLoad NoReport => new("", -1, 0, 0, 1, 0, 0, 0, []);
}
