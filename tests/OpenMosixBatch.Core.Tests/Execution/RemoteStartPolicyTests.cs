using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class RemoteStartPolicyTests
{
    private static Job Running(string nodes = "node1,node2") =>
        ExecutionJobs.Make(42, ExecutionJobs.Spec()) is var job ? job with { Tasks = [new JobTask(0, JobState.Running) { Node = ExecutionHosts.Parse(nodes) }] } : job;

    [Fact]
    public void Refusal_OwnerWithCookieTowardsItsOwnNode_IsNone() =>
        Assert.Null(RemoteStartPolicy.Refusal(Running(), 0, 1000, cookieMatches: true, "node2"));

    [Fact]
    public void Refusal_NodeNotTheJobs_NamesTheJobsNodes() =>
        Assert.Equal("node 'node3' is not one of job 42's nodes (node1,node2): name a node from $PBS_NODEFILE",
            RemoteStartPolicy.Refusal(Running(), 0, 1000, cookieMatches: true, "node3"));

    [Fact]
    public void Refusal_WrongCookie_SaysItIsNotInsideTheJob() =>
        Assert.StartsWith("not inside job 42", RemoteStartPolicy.Refusal(Running(), 0, 1000, cookieMatches: false, "node2"), StringComparison.Ordinal);

    [Fact]
    public void Refusal_AnotherUsersJob_IsAsUnknownAsAMissingOne()
    {
        var other = RemoteStartPolicy.Refusal(Running(), 0, 1001, cookieMatches: true, "node2");
        var missing = RemoteStartPolicy.Refusal(null, 0, 1001, cookieMatches: true, "node2");

        Assert.NotNull(other);
        Assert.Equal(missing, other);
    }

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Completed)]
    [InlineData(JobState.Exiting)]
    public void Refusal_TaskNotRunning_SaysSo(JobState state)
    {
        var job = Running();
        job = job with { Tasks = [job.Tasks[0] with { State = state }] };

        Assert.Equal("job 42 is not running: omb rsh works only inside a running job", RemoteStartPolicy.Refusal(job, 0, 1000, cookieMatches: true, "node1"));
    }

    [Fact]
    public void Refusal_ARunningTaskChecksTheCookieBeforeTheNode() =>
        Assert.StartsWith("not inside", RemoteStartPolicy.Refusal(Running(), 0, 1000, cookieMatches: false, "node9"), StringComparison.Ordinal);
}
