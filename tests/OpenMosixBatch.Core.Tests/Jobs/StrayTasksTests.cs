using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

/// <summary>Which tasks a world that attaches runs against the server's record, and must kill.</summary>
public sealed class StrayTasksTests
{
    private static Job With(JobTask task) => Submit(7) with { Tasks = [task] };

    private static JobTask Task(JobState state, string? node = "node2", string? reason = null, ExitCause cause = ExitCause.None) =>
        new(0, state) { Node = node is null ? null : ExecutionHosts.On(node), Reason = reason, ExitCause = cause };

    [Fact]
    public void KillReason_RunningOnItsNode_LeavesIt() => Assert.Null(StrayTasks.KillReason(With(Task(JobState.Running)), 0, "node2"));

    [Fact]
    public void KillReason_DeletedWhileNoWorldWasAttached_KillsIt() =>
        Assert.Equal("deleted by root", StrayTasks.KillReason(With(Task(JobState.Exiting, reason: "deleted by root", cause: ExitCause.Deletion)), 0, "node2"));

    [Fact]
    public void KillReason_RequeuedMeanwhile_KillsIt() => Assert.NotNull(StrayTasks.KillReason(With(Task(JobState.Queued, node: null)), 0, "node2"));

    [Fact]
    public void KillReason_RestartedElsewhere_KillsTheCopyHere() =>
        Assert.Equal("it runs on node3 now", StrayTasks.KillReason(With(Task(JobState.Running, node: "node3")), 0, "node2"));

    [Fact]
    public void KillReason_Migrating_IsLeftToTheMove() => Assert.Null(StrayTasks.KillReason(With(Task(JobState.Migrating, node: "node3")), 0, "node2"));

    [Fact]
    public void KillReason_UnknownTask_KillsIt() => Assert.NotNull(StrayTasks.KillReason(null, 0, "node2"));
}
