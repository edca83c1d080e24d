using OpenMosixBatch.Core.Health;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Health;

public sealed class BlackHoleDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BlackHoleSettings Settings = new(TimeSpan.FromMinutes(10), 5, 3);

    private static BlackHoleVerdict? Feed(BlackHoleDetector d, string node, int failed, int succeeded, DateTimeOffset at)
    {
        BlackHoleVerdict? last = null;
        for (var i = 0; i < succeeded; i++)
        {
            last = d.Record(node, false, at);
        }

        for (var i = 0; i < failed; i++)
        {
            last = d.Record(node, true, at);
        }

        return last;
    }

    [Fact]
    public void Record_FiveFailuresWhileOthersSucceed_ConvictsTheNode()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node1", 0, 10, T0);
        Feed(d, "node3", 0, 10, T0);

        var verdict = Feed(d, "node2", 5, 0, T0.AddMinutes(1));

        Assert.Equal(new BlackHoleVerdict("node2", 5, 5, 0, 20, Settings.Window), verdict);
        Assert.Equal("black hole: 5 of 5 tasks failed in the last 10 min (cluster elsewhere: 0%)", verdict!.Comment);
    }

    [Fact]
    public void Record_OneFailureShortOfTheMinimum_IsNotABlackHole()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node1", 0, 10, T0);

        Assert.Null(Feed(d, "node2", 4, 0, T0));
        Assert.Null(d.Judge("node2", T0));
    }

    [Fact]
    public void Record_FailuresAsCommonElsewhere_IsABadJobNotABadNode()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node1", 6, 0, T0);
        Feed(d, "node3", 6, 0, T0);

        Assert.Null(Feed(d, "node2", 6, 0, T0));
    }

    [Theory]
    [InlineData(6, 4, 1, 9, true)]    // 60% against 10%: 6×
    [InlineData(6, 4, 2, 8, true)]    // 60% against 20%: exactly 3×
    [InlineData(6, 4, 3, 7, false)]   // 60% against 30%: 2×
    [InlineData(5, 95, 0, 100, true)] // 5% against 0%: the minimum failures decide
    [InlineData(5, 15, 1, 10, false)] // 25% against 10%: 2.5×
    public void Judge_ComparesTheNodesShareWithTheRatioTimesTheShareElsewhere(int failed, int succeeded, int otherFailed, int otherSucceeded, bool convicted)
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node1", otherFailed, otherSucceeded, T0);
        Feed(d, "node2", failed, succeeded, T0);

        Assert.Equal(convicted, d.Judge("node2", T0) is not null);
    }

    [Fact]
    public void Judge_OtherNodesCountTogether()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node1", 2, 0, T0);     // node1 alone: 100%
        Feed(d, "node3", 0, 18, T0);    // together with node3: 10%
        Feed(d, "node2", 5, 0, T0);

        var verdict = d.Judge("node2", T0);

        Assert.Equal((2, 20), (verdict!.ElsewhereFailed, verdict.ElsewhereEnded));
        Assert.EndsWith("(cluster elsewhere: 10%)", verdict.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoEndsElsewhere_CountsAsNoFailuresElsewhere()
    {
        var d = new BlackHoleDetector(Settings);

        Assert.NotNull(Feed(d, "node2", 5, 0, T0));
    }

    [Fact]
    public void Judge_EndsOlderThanTheWindow_NoLongerCount()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node2", 3, 0, T0);

        Assert.Null(Feed(d, "node2", 2, 0, T0.AddMinutes(10).AddSeconds(1)));
        Assert.NotNull(Feed(d, "node2", 3, 0, T0.AddMinutes(11)));
    }

    [Fact]
    public void Judge_EndsAtTheWindowsEdge_StillCount()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node2", 3, 0, T0);

        Assert.NotNull(Feed(d, "node2", 2, 0, T0.AddMinutes(10)));
    }

    [Fact]
    public void Judge_SuccessesElsewhereExpireToo()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node1", 3, 7, T0);                  // 30% elsewhere while it lasts
        Assert.Null(Feed(d, "node2", 5, 5, T0));     // 50% < 3 × 30%

        Assert.NotNull(Feed(d, "node2", 5, 0, T0.AddMinutes(11)));
    }

    [Fact]
    public void Record_ASuccess_NeverConvicts()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node2", 5, 0, T0);

        Assert.Null(d.Record("node2", false, T0));
        Assert.NotNull(d.Judge("node2", T0));
    }

    [Fact]
    public void Forget_DropsTheNodesHistory()
    {
        var d = new BlackHoleDetector(Settings);
        Feed(d, "node2", 5, 0, T0);

        d.Forget("node2");

        Assert.Null(d.Judge("node2", T0));
        Assert.Null(Feed(d, "node2", 4, 0, T0));
    }

    [Fact]
    public void Judge_UnknownNode_IsNotABlackHole() =>
        Assert.Null(new BlackHoleDetector(Settings).Judge("node9", T0));

    [Fact]
    public void Judge_ZeroMinimum_StillNeedsAFailure()
    {
        var d = new BlackHoleDetector(Settings with { MinFailures = 0 });
        Feed(d, "node2", 0, 3, T0);

        Assert.Null(d.Judge("node2", T0));
    }

    [Fact]
    public void Comment_RoundsTheShareElsewhereAndShowsFractionalMinutes()
    {
        var v = new BlackHoleVerdict("node2", 7, 9, 1, 3, TimeSpan.FromSeconds(90));

        Assert.Equal("black hole: 7 of 9 tasks failed in the last 1.5 min (cluster elsewhere: 33%)", v.Comment);
    }

    [Theory]
    [InlineData(JobState.Completed, null, false)]
    [InlineData(JobState.Failed, null, true)]
    [InlineData(JobState.Failed, "walltime 00:01:00 exceeded", null)]
    [InlineData(JobState.Failed, "memory limit exceeded", null)]
    [InlineData(JobState.Deleted, "deleted by alice", null)]
    [InlineData(JobState.Deleted, null, null)]
    [InlineData(JobState.Queued, null, null)]
    [InlineData(JobState.Running, null, null)]
    public void IsFailure_CountsOnlyEndsTheNodeDidNotCause(JobState state, string? killReason, bool? expected) =>
        Assert.Equal(expected, BlackHoleDetector.IsFailure(state, killReason));

    [Fact]
    public void Restore_WindowOfAnotherDetector_JudgesAsIfItHadSeenThoseEnds()
    {
        var before = new BlackHoleDetector(Settings);
        Feed(before, "node1", 0, 10, T0);
        Feed(before, "node2", 4, 0, T0.AddMinutes(1));
        var after = new BlackHoleDetector(Settings);

        after.Restore(before.Window(T0.AddMinutes(2)), T0.AddMinutes(2));

        Assert.Equal(new BlackHoleVerdict("node2", 5, 5, 0, 10, Settings.Window), after.Record("node2", true, T0.AddMinutes(3)));
        Assert.Null(new BlackHoleDetector(Settings).Record("node2", true, T0.AddMinutes(3)));
    }

    [Fact]
    public void Window_LeavesOutEndsOlderThanTheWindow_AndRestoreDropsThem()
    {
        var d = new BlackHoleDetector(Settings);
        d.Record("node1", true, T0);
        d.Record("node1", false, T0.AddMinutes(5));

        Assert.Equal([new NodeTaskEnd("node1", T0.AddMinutes(5), false)], d.Window(T0.AddMinutes(11)));

        var restored = new BlackHoleDetector(Settings);
        restored.Restore([new NodeTaskEnd("node1", T0, true), new NodeTaskEnd("node1", T0.AddMinutes(5), false)], T0.AddMinutes(11));
        Assert.Equal([new NodeTaskEnd("node1", T0.AddMinutes(5), false)], restored.Window(T0.AddMinutes(11)));
    }
}
