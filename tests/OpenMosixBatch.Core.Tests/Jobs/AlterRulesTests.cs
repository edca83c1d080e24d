using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class AlterRulesTests
{
    private static readonly NodeSnapshot[] Nodes = [Node("node1", cpus: 4, memGb: 8), Node("node2", cpus: 2, memGb: 16)];

    private static AlterContext Context(bool admin = false, params Job[] others) => new(
        "alice",
        admin,
        spec => SubmissionValidator.Validate(spec, Nodes, id => others.FirstOrDefault(o => o.Id == id)),
        id => others.FirstOrDefault(o => o.Id == id),
        256L << 20);

    [Fact]
    public void Alter_WaitingJob_ChangesWhatWasAsked_AndRecordsIt()
    {
        var job = Submit(1, Spec(memMb: 256, walltime: TimeSpan.FromHours(1)));
        var change = new JobAlteration { Name = "renamed", Priority = 10, ResourceLists = ["walltime=00:30:00,ncpus=2"] };

        var d = AlterRules.Alter(job, change, Context(), T0);

        Assert.True(d.Transition.Ok, d.Transition.Refusal);
        var spec = d.Transition.Job!.Spec;
        Assert.Equal(("renamed", 10, TimeSpan.FromMinutes(30), 2), (spec.Name, spec.Priority, spec.Resources.Walltime, spec.Resources.CpusPerChunk));
        Assert.Equal(job.Spec.Script, spec.Script);
        Assert.Equal("altered by alice: name j -> renamed, priority 0 -> 10, walltime 01:00:00 -> 00:30:00, ncpus 1 -> 2", d.Transition.Event!.Detail);
        Assert.False(d.LimitsChanged);
    }

    [Fact]
    public void Alter_ARequestNoNodeCanHold_IsBadInput_NamingTheLargestNode()
    {
        var d = AlterRules.Alter(Submit(1), new JobAlteration { ResourceLists = ["ncpus=64"] }, Context(), T0);

        Assert.True(d.BadInput);
        Assert.Contains("the largest node is node2 with 2 CPUs and 16 GiB", d.Transition.Refusal, StringComparison.Ordinal);
        Assert.Null(d.Transition.Job);
    }

    [Theory]
    [InlineData("ncpus=2")]
    [InlineData("mem=1gb")]
    [InlineData("ngpus=1")]
    public void Alter_APerChunkAmountOfAJobOfSeveralChunkShapes_IsBadInput_NamingTheSelect(string item)
    {
        var mixed = Submit(1, Spec() with { Resources = Request("select=1:ncpus=2:mem=1gb+2:ncpus=1:mem=512mb") });

        var d = AlterRules.Alter(mixed, new JobAlteration { Name = "fine", ResourceLists = [item] }, Context(), T0);

        Assert.True(d.BadInput);
        Assert.Null(d.Transition.Job);
        Assert.StartsWith($"-l {item} is ambiguous for a job of 2 chunk shapes (select=1:ncpus=2:mem=1gb+2:ncpus=1:mem=512mb): ", d.Transition.Refusal, StringComparison.Ordinal);
        Assert.EndsWith("e.g. -l select=1:ncpus=2:mem=1gb+2:ncpus=1:mem=512mb", d.Transition.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Alter_TheWholeSelectOfAJobOfSeveralChunkShapes_ChangesEveryShape()
    {
        var mixed = Submit(1, Spec() with { Resources = Request("select=1:ncpus=2:mem=1gb+2:ncpus=1:mem=512mb") });

        var d = AlterRules.Alter(mixed, new JobAlteration { ResourceLists = ["select=1:ncpus=4:mem=2gb+1:ncpus=2:mem=1gb"] }, Context(), T0);

        Assert.True(d.Transition.Ok, d.Transition.Refusal);
        var r = d.Transition.Job!.Spec.Resources;
        Assert.Equal((4, 2L << 30, 6L), (r.CpusPerChunk, r.MemoryBytesPerChunk, r.TotalCpus));
        Assert.Equal([new ChunkKind(1, 2, 1L << 30)], r.MoreChunks);
    }

    private static ResourceRequest Request(string select) =>
        OpenMosixBatch.Core.Parsing.ResourceListParser.Apply(ResourceRequest.Default, [select]).Value!;

    [Fact]
    public void Alter_RefusedChange_IsRefusedWhole_EvenWhenPartOfItWasAcceptable()
    {
        var d = AlterRules.Alter(Submit(1), new JobAlteration { Name = "fine", Priority = 5000 }, Context(), T0);

        Assert.Equal("priority 5000 is out of range: use -p with -1024..1023", d.Transition.Refusal);
        Assert.Null(d.Transition.Job);
    }

    [Fact]
    public void Alter_HoldAndRelease_ChangeTheStateAndReason()
    {
        var held = AlterRules.Alter(Submit(1), new JobAlteration { Hold = true }, Context(), T0).Transition.Job!;
        var released = AlterRules.Alter(held, new JobAlteration { Hold = false }, Context(), T0).Transition.Job!;

        Assert.Equal((JobState.Held, "held by user"), (held.State, held.Reason));
        Assert.Equal((JobState.Queued, (string?)null), (released.State, released.Reason));
    }

    [Fact]
    public void Alter_Dependencies_AreReplaced_AndTheJobWaits_ThenDropped_AndItQueues()
    {
        var other = Submit(2);
        var job = Submit(1);

        var waiting = AlterRules.Alter(job, new JobAlteration { Dependencies = [new Dependency(DependencyType.AfterOk, 2)] }, Context(false, other), T0).Transition.Job!;
        var queued = AlterRules.Alter(waiting, new JobAlteration { Dependencies = [] }, Context(false, other), T0).Transition.Job!;

        Assert.Equal((JobState.Waiting, "waiting for dependencies: afterok:2"), (waiting.State, waiting.Reason));
        Assert.Equal(JobState.Queued, queued.State);
        Assert.True(queued.DependenciesMet);
    }

    [Theory]
    [InlineData(9, "unknown job 9 in depend=afterok:9: check the id with 'qstat -x'")]
    [InlineData(1, "job 1 would wait for itself: drop the dependency on 1 or on the jobs that wait for it")]
    public void Alter_ImpossibleDependencies_AreBadInput(long on, string expected)
    {
        var d = AlterRules.Alter(Submit(1), new JobAlteration { Dependencies = [new Dependency(DependencyType.AfterOk, on)] }, Context(), T0);

        Assert.Equal((true, expected), (d.BadInput, d.Transition.Refusal));
    }

    [Fact]
    public void Alter_ADependencyThatCanNeverBeMet_IsRefused_NotTheJobDeleted()
    {
        var failed = Finished(Submit(2), JobState.Failed);

        var d = AlterRules.Alter(Submit(1), new JobAlteration { Dependencies = [new Dependency(DependencyType.AfterOk, 2)] }, Context(false, failed), T0);

        Assert.True(d.BadInput);
        Assert.StartsWith("dependency afterok:2 can never be met", d.Transition.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Alter_ArrayLimit_ChangesOnlyTheLimit_AndIsRefusedForAPlainJob()
    {
        var array = Submit(1, Spec() with { Array = new ArraySpec([1, 2, 3]) });

        var limited = AlterRules.Alter(array, new JobAlteration { ArrayLimit = 2 }, Context(), T0).Transition.Job!;
        var plain = AlterRules.Alter(Submit(2), new JobAlteration { ArrayLimit = 2 }, Context(), T0);

        Assert.Equal(new ArraySpec([1, 2, 3], 2).MaxConcurrent, limited.Spec.Array!.MaxConcurrent);
        Assert.Equal([1, 2, 3], limited.Spec.Array.Indices);
        Assert.Equal("job 2 is not an array: -t %N limits the elements of an array that run at once", plain.Transition.Refusal);
    }

    [Fact]
    public void Alter_RunningJob_LowersItsWalltime_AndTellsItsNodes()
    {
        var running = Running(Submit(1, Spec(walltime: TimeSpan.FromHours(1))), "node1", T0);

        var d = AlterRules.Alter(running, new JobAlteration { ResourceLists = ["walltime=00:10:00"] }, Context(), T0);

        Assert.True(d.Transition.Ok, d.Transition.Refusal);
        Assert.Equal(TimeSpan.FromMinutes(10), d.Transition.Job!.Spec.Resources.Walltime);
        Assert.Equal(JobState.Running, d.Transition.Job.State);
        Assert.True(d.LimitsChanged);
    }

    [Theory]
    [InlineData(false, "walltime=02:00:00", "job 1 is running: only an administrator may raise its walltime or cput; you may lower them")]
    [InlineData(true, "walltime=02:00:00", null)]
    [InlineData(true, "ncpus=2", "job 1 has started (R): only -l walltime and -l cput can change once it runs")]
    public void Alter_RunningJob_TakesOnlyWhatPbsAllows(bool admin, string list, string? expected)
    {
        var running = Running(Submit(1, Spec(walltime: TimeSpan.FromHours(1))), "node1", T0);

        var d = AlterRules.Alter(running, new JobAlteration { ResourceLists = [list] }, Context(admin), T0);

        Assert.Equal(expected, d.Transition.Refusal);
        Assert.False(d.BadInput);
    }

    [Fact]
    public void Alter_RunningJob_RefusesAName_AndAFinishedJobRefusesAll()
    {
        var running = Running(Submit(1), "node1", T0);

        Assert.Equal("job 1 has started (R): only -l walltime and -l cput can change once it runs",
            AlterRules.Alter(running, new JobAlteration { Name = "x" }, Context(), T0).Transition.Refusal);
        Assert.Equal("job 2 has already finished (C): there is nothing to alter",
            AlterRules.Alter(Finished(Submit(2), JobState.Completed), new JobAlteration { Name = "x" }, Context(), T0).Transition.Refusal);
    }

    [Fact]
    public void Alter_NothingToChange_IsBadInput()
    {
        Assert.True(AlterRules.Alter(Submit(1), new JobAlteration(), Context(), T0).BadInput);
    }
}
