using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class MoveRulesTests
{
    private static readonly string[] Queues = ["batch", "long"];

    [Fact]
    public void Move_WaitingJob_ChangesOnlyItsQueue()
    {
        var job = JobStateRules.Submit(1, Spec() with { Held = true }, Alice, T0);

        var t = MoveRules.Move(job, "long", Queues, "alice", T0);

        Assert.True(t.Ok, t.Refusal);
        Assert.Equal(job with { Spec = job.Spec with { Queue = "long" } }, t.Job);
        Assert.Equal(("moved", "moved from queue batch to long by alice"), (t.Event!.Kind, t.Event.Detail));
    }

    [Theory]
    [InlineData("nosuch", false, "unknown queue 'nosuch': known queues are batch, long")]
    [InlineData("long", true, "job 1 has started (R): qmove moves only jobs waiting to start (Q, H, W)")]
    [InlineData("batch", false, "job 1 is already in queue batch: nothing to move")]
    public void Move_Refusals_NameTheReason(string queue, bool running, string expected)
    {
        var job = running ? Running(Submit(1), "node1", T0) : Submit(1);

        Assert.Equal(expected, MoveRules.Move(job, queue, Queues, "alice", T0).Refusal);
    }

    [Fact]
    public void Move_FinishedJob_IsRefused()
    {
        Assert.Equal("job 1 has already finished (C): there is nothing to move", MoveRules.Move(Finished(Submit(1), JobState.Completed), "long", Queues, "a", T0).Refusal);
    }
}
