using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Health;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Health;

public sealed class RankLivenessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public void Unreachable_NothingReported_IsEmpty() =>
        Assert.Empty(RankLiveness.Unreachable([], Limit));

    [Fact]
    public void Unreachable_SilenceBelowTheLimit_IsEmpty() =>
        Assert.Empty(RankLiveness.Unreachable([new RankSilence("node3", 2, TimeSpan.FromSeconds(9.9))], Limit));

    [Fact]
    public void Unreachable_SilenceAtTheLimit_MarksTheNodeWithTheReason()
    {
        var verdict = RankLiveness.Unreachable([new RankSilence("node2", 1, TimeSpan.FromSeconds(3)), new RankSilence("node3", 2, Limit)], Limit);

        var node = Assert.Single(verdict);
        Assert.Equal("node3", node.Node?.ToString());
        Assert.Equal("unreachable: no tick from rank 2 for 10 s (limit 10 s); left out of the world until pbsnodes -c", node.Comment);
    }

    [Fact]
    public void Unreachable_SeveralSilentRanks_AreAllMarkedInRankOrder()
    {
        var verdict = RankLiveness.Unreachable(
            [new RankSilence("node4", 3, TimeSpan.FromSeconds(12)), new RankSilence("node2", 1, TimeSpan.FromSeconds(30))], Limit);

        Assert.Equal(["node2", "node4"], verdict.Select(v => v.Node?.ToString()));
    }

    [Fact]
    public void Unreachable_RankZero_IsNeverMarked() =>
        Assert.Empty(RankLiveness.Unreachable([new RankSilence("node1", 0, TimeSpan.FromMinutes(5))], Limit));

    [Fact]
    public void Unreachable_ANodeListedTwice_IsMarkedOnceWithItsLongestSilence()
    {
        var verdict = RankLiveness.Unreachable(
            [new RankSilence("node3", 2, TimeSpan.FromSeconds(11)), new RankSilence("node3", 2, TimeSpan.FromSeconds(20))], Limit);

        Assert.Contains("for 20 s", Assert.Single(verdict).Comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_ALimitOfZero_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RankLiveness.Unreachable([], TimeSpan.Zero));
}
