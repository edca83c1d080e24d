using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Selection;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Selection;

public sealed class JobSelectionTests
{
    private static readonly JobOwner Bob = new(1001, 1001, "bob");

    [Fact]
    public void Matches_NoFilters_TakesEveryUnfinishedJob_AndNoFinishedOne()
    {
        var selection = new JobSelection();

        Assert.True(selection.Matches(Submit(1)));
        Assert.True(selection.Matches(Running(Submit(2), "node1", T0)));
        Assert.False(selection.Matches(Finished(Submit(3), JobState.Completed)));
        Assert.True((selection with { IncludeFinished = true }).Matches(Finished(Submit(3), JobState.Completed)));
    }

    [Fact]
    public void Matches_StatesUsersNameQueue_AllMustHold()
    {
        var held = JobStateRules.Submit(1, Spec() with { Held = true, Name = "big", Queue = "long" }, Alice, T0);
        var queued = JobStateRules.Submit(2, Spec() with { Name = "big", Queue = "long" }, Bob, T0);

        var selection = new JobSelection { States = "H", Users = ["alice"], Name = "big", Queue = "long" };

        Assert.True(selection.Matches(held));
        Assert.False(selection.Matches(queued));
        Assert.False((selection with { Name = "small" }).Matches(held));
        Assert.False((selection with { Queue = "batch" }).Matches(held));
        Assert.False((selection with { Users = ["bob"] }).Matches(held));
        Assert.True((selection with { States = "QH", Users = ["alice", "bob"] }).Matches(queued));
    }

    [Fact]
    public void Matches_StateListNamingAFinishedState_TakesFinishedJobsOnlyWithX()
    {
        var failed = Finished(Submit(1), JobState.Failed);
        var completed = Finished(Submit(2), JobState.Completed);
        var queued = Submit(3);

        // As PBS Pro 19+: a finished job is in the history, which only -x selects from; -s then filters it.
        Assert.False(new JobSelection { States = "F" }.Matches(failed));
        Assert.False(new JobSelection { States = "C" }.Matches(completed));
        Assert.True(new JobSelection { States = "F", IncludeFinished = true }.Matches(failed));
        Assert.True(new JobSelection { States = "C", IncludeFinished = true }.Matches(completed));
        Assert.False(new JobSelection { States = "C", IncludeFinished = true }.Matches(failed));
        Assert.False(new JobSelection { States = "C", IncludeFinished = true }.Matches(queued));
        Assert.True(new JobSelection { States = "CQ", IncludeFinished = true }.Matches(queued));
    }

    [Fact]
    public void MayMatchFinished_OnlyWithX()
    {
        Assert.False(new JobSelection { States = "CFX" }.MayMatchFinished);
        Assert.True(new JobSelection { IncludeFinished = true }.MayMatchFinished);
    }

    [Theory]
    [InlineData(ComparisonOperator.Gt, 3600, false)]
    [InlineData(ComparisonOperator.Ge, 3600, true)]
    [InlineData(ComparisonOperator.Eq, 3600, true)]
    [InlineData(ComparisonOperator.Ne, 3600, false)]
    [InlineData(ComparisonOperator.Lt, 3601, true)]
    [InlineData(ComparisonOperator.Le, 3599, false)]
    public void Matches_WalltimeComparison_ComparesSeconds(ComparisonOperator op, long value, bool expected)
    {
        var job = Submit(1, Spec(walltime: TimeSpan.FromHours(1)));

        Assert.Equal(expected, new JobSelection { Resources = [new(SelectableResource.Walltime, op, value)] }.Matches(job));
    }

    [Theory]
    [InlineData(ComparisonOperator.Eq, false)]
    [InlineData(ComparisonOperator.Gt, false)]
    [InlineData(ComparisonOperator.Ge, false)]
    [InlineData(ComparisonOperator.Ne, true)]
    [InlineData(ComparisonOperator.Lt, true)]
    [InlineData(ComparisonOperator.Le, true)]
    public void Matches_WalltimeComparison_JobWithoutWalltimeCountsAsLessThanAnyValue(ComparisonOperator op, bool expected)
    {
        // openpbs's sel_attr: a resource not in the job is forced to "less than" the value asked for.
        var job = Submit(1);

        Assert.Null(job.Spec.Resources.Walltime);
        Assert.Equal(expected, new JobSelection { Resources = [new(SelectableResource.Walltime, op, 0)] }.Matches(job));
        Assert.Equal(expected, new JobSelection { Resources = [new(SelectableResource.Walltime, op, 3600)] }.Matches(job));
    }

    [Fact]
    public void Matches_CpusAndMemory_CompareTheWholeTask()
    {
        var job = Submit(1, Spec() with { Resources = new ResourceRequest(Chunks: 2, CpusPerChunk: 3, MemoryBytesPerChunk: 1L << 30) });

        Assert.True(new JobSelection { Resources = [new(SelectableResource.Ncpus, ComparisonOperator.Eq, 6)] }.Matches(job));
        Assert.True(new JobSelection { Resources = [new(SelectableResource.Mem, ComparisonOperator.Eq, 2L << 30)] }.Matches(job));
        Assert.True(new JobSelection { Resources = [new(SelectableResource.Nodes, ComparisonOperator.Eq, 2)] }.Matches(job));
        Assert.False(new JobSelection { Resources = [new(SelectableResource.Ncpus, ComparisonOperator.Lt, 6)] }.Matches(job));
    }

    [Theory]
    [InlineData("Z", "invalid state list 'Z' in -s")]
    [InlineData("", "invalid state list '' in -s")]
    public void Validate_UnknownStateLetter_IsRefusedWithTheLetters(string states, string expected)
    {
        Assert.Contains(expected, new JobSelection { States = states }.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyUserName_IsRefused()
    {
        Assert.Contains("empty user name in -u", new JobSelection { Users = ["ada", ""] }.Validate(), StringComparison.Ordinal);
        Assert.Null(new JobSelection { Users = ["ada"], States = "QHWRMECFX" }.Validate());
    }
}
