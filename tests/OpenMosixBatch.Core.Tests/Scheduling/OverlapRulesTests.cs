using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class OverlapRulesTests
{
    public static TheoryData<JobState> ActiveStates =>
        [JobState.Queued, JobState.Held, JobState.Waiting, JobState.Running, JobState.Migrating, JobState.Exiting];

    public static TheoryData<JobState> FinishedStates => [JobState.Completed, JobState.Failed, JobState.Deleted];

    [Theory]
    [InlineData(OverlapPolicy.Skip)]
    [InlineData(OverlapPolicy.Queue)]
    [InlineData(OverlapPolicy.Allow)]
    public void Decide_NoPreviousRun_Submits(OverlapPolicy policy)
    {
        var decision = OverlapRules.Decide(policy, null);
        Assert.Equal(OverlapOutcome.Submit, decision.Outcome);
        Assert.Null(decision.AfterJobId);
    }

    [Theory]
    [MemberData(nameof(FinishedStates))]
    public void Decide_PreviousRunFinished_SubmitsWhateverThePolicy(JobState state)
    {
        foreach (var policy in Enum.GetValues<OverlapPolicy>())
        {
            Assert.Equal(OverlapOutcome.Submit, OverlapRules.Decide(policy, new PreviousRun(41, state)).Outcome);
        }
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void Decide_SkipWhilePreviousActive_SkipsWithReasonNamingTheRun(JobState state)
    {
        var decision = OverlapRules.Decide(OverlapPolicy.Skip, new PreviousRun(41, state));
        Assert.Equal(OverlapOutcome.SkipRecorded, decision.Outcome);
        Assert.False(decision.Submits);
        Assert.Contains("previous run 41", decision.Reason, StringComparison.Ordinal);
        Assert.Contains($"({state.Letter()})", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("--overlap queue", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void Decide_QueueWhilePreviousActive_SubmitsAfterIt(JobState state)
    {
        var decision = OverlapRules.Decide(OverlapPolicy.Queue, new PreviousRun(41, state));
        Assert.Equal(OverlapOutcome.SubmitHeldUntilPreviousEnds, decision.Outcome);
        Assert.True(decision.Submits);
        Assert.Equal(41, decision.AfterJobId);
        Assert.Contains("afterany:41", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void Decide_AllowWhilePreviousActive_Submits(JobState state)
    {
        var decision = OverlapRules.Decide(OverlapPolicy.Allow, new PreviousRun(41, state));
        Assert.Equal(OverlapOutcome.Submit, decision.Outcome);
        Assert.Null(decision.AfterJobId);
    }

    [Fact]
    public void Decide_UnknownPolicy_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OverlapRules.Decide((OverlapPolicy)99, new PreviousRun(1, JobState.Running)));
}
