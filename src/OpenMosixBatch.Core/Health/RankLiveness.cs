using System.Globalization;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Health;

/// <summary>
/// Which nodes of a world are unreachable: those whose rank rank 0 has not heard from for <c>limit</c> or longer.
/// </summary>
/// <remarks>
/// <para>A cut network link does not fail MPI: TCP retransmits for many minutes while every rank waits in the tick's
/// collective, so the world hangs instead of dying and no supervisor sees it die. Heartbeats sent while a tick waits
/// tell the ranks that are merely waiting from the one that is cut off.</para>
/// <para>Rank 0's view decides, because rank 0 runs beside the server: when rank 0's own host is cut off, every other
/// rank falls silent and the world goes on with rank 0's node alone, which is all the server could still reach.</para>
/// </remarks>
public static class RankLiveness
{
    /// <summary>The nodes to take out of the world, each with the reason pbsnodes shows; empty when all are heard.</summary>
    /// <param name="silences">What rank 0 last reported: the ranks it has not heard from lately.</param>
    /// <param name="limit">Silence at which a rank's host counts as unreachable (positive).</param>
    public static IReadOnlyList<UnreachableNode> Unreachable(IReadOnlyList<RankSilence> silences, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        return [.. silences
            .Where(s => s.Rank != 0 && s.Silence >= limit)
            .GroupBy(s => s.Node, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.Silence)!)
            .OrderBy(s => s.Rank)
            .Select(s => new UnreachableNode(s.Node, string.Create(CultureInfo.InvariantCulture,
                $"unreachable: no tick from rank {s.Rank} for {s.Silence.TotalSeconds:0} s (limit {limit.TotalSeconds:0.#} s); left out of the world until pbsnodes -c")))];
    }
}
