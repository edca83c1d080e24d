using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

public sealed class SubmissionRunTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_ConsecutiveJobsOfOneOwnerAndQueue_AreOneRunWithEveryTask()
    {
        var runs = SubmissionRun.Of([Job(7), Job(8), Job(9)]);

        Assert.Equal([new SubmissionRun("7", 9, 3, "alice", 1000, "batch", 3)], runs);
    }

    [Fact]
    public void Of_AnotherOwnerQueueOrAGap_StartsANewRun()
    {
        var runs = SubmissionRun.Of([Job(1), Job(2, owner: "bob"), Job(3, owner: "bob", queue: "express"), Job(5, owner: "bob", queue: "express")]);

        Assert.Equal(["1:1:alice:batch", "2:1:bob:batch", "3:1:bob:express", "5:1:bob:express"], runs.Select(r => $"{r.FirstId}:{r.Count}:{r.Owner}:{r.Queue}"));
    }

    [Fact]
    public void Of_ArrayJob_IsARunOfItsOwnShownAsQstatShowsIt()
    {
        var runs = SubmissionRun.Of([Job(1), Job(2, array: true), Job(3)]);

        Assert.Equal(["1:1:1", "2[]:1:4", "3:1:1"], runs.Select(r => $"{r.FirstId}:{r.Count}:{r.Tasks}"));
    }

    private static Job Job(long id, string owner = "alice", string queue = "batch", bool array = false)
    {
        var spec = new JobSpec { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w", Queue = queue, Array = array ? new ArraySpec([0, 1, 2, 3]) : null };
        return JobStateRules.Submit(id, spec, new JobOwner(owner == "alice" ? 1000u : 1001u, 1000, owner), Now);
    }
}
