using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class SubmittedEventTests
{
    private static readonly DateTimeOffset At = TestJobs.T0.AddSeconds(1);

    [Fact]
    public void Of_APlainJob_SaysWhoSubmittedItToWhichQueue()
    {
        var job = TestJobs.Submit(1, TestJobs.Spec(queue: "long"));

        Assert.Equal(new JobEvent(1, At, "submitted", "submitted by alice to queue long"), SubmittedEvent.Of(job));
    }

    [Fact]
    public void Of_AScheduledJob_NamesTheScheduleForItsOwner()
    {
        var job = TestJobs.Submit(1) with { ScheduleName = "nightly" };

        Assert.Equal("submitted by schedule nightly for alice to queue batch", SubmittedEvent.Of(job).Detail);
    }

    [Fact]
    public void Complete_HistoryWithoutIt_PutsItFirstAmongTheEventsOfItsTime()
    {
        var job = TestJobs.Submit(1);
        var earlier = new JobEvent(1, At.AddSeconds(-5), "clock", "set back");
        var same = new JobEvent(1, At, "held", "by alice");
        var later = new JobEvent(1, At.AddSeconds(5), "released", "by alice");

        var events = SubmittedEvent.Complete(job, [earlier, same, later]);

        Assert.Equal([earlier, SubmittedEvent.Of(job), same, later], events);
    }

    [Fact]
    public void Complete_AMovedJob_NamesNoQueueForTheJobsQueueIsNoLongerTheOneItWasSubmittedTo()
    {
        var job = TestJobs.Submit(1, TestJobs.Spec(queue: "short"));
        var move = MoveRules.Move(job, "long", ["short", "long"], "alice", At.AddSeconds(5));

        var events = SubmittedEvent.Complete(move.Job, [move.Event!]);

        Assert.Equal([new JobEvent(1, At, "submitted", "submitted by alice"), move.Event!], events);
        Assert.Equal("moved from queue short to long by alice", move.Event!.Detail);
    }

    [Fact]
    public void Complete_HistoryWithAStoredSubmission_IsUnchanged()
    {
        var job = TestJobs.Submit(1);
        var stored = new JobEvent(1, At, "submitted", "submitted by alice to queue batch");

        Assert.Equal([stored], SubmittedEvent.Complete(job, [stored]));
    }

    [Fact]
    public void Complete_UnknownJob_IsUnchanged()
    {
        Assert.Empty(SubmittedEvent.Complete(null, []));
    }
}
