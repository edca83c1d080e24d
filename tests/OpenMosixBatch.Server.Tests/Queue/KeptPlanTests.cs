using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// The dispatcher's kept plan over a real queue: the ids each version wrote (<see cref="JobQueue.ChangedBetween"/>) let a
/// pass keep the last plan only when a change is past where it stopped, as <see cref="AdmissionReuse"/> rules.
/// </summary>
public sealed class KeptPlanTests : IAsyncLifetime
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    // A full node: nothing can start, so a pass stops at the first waiting job.
    private static readonly NodeSnapshot[] Full = [new("node1", 2, 4L << 30, AllocatedCpus: 2, AllocatedMemoryBytes: 1L << 30, State: NodeState.Busy)];
    private static readonly NodeSnapshot[] Capacity = QueueTestBed.OneNode;
    private readonly QueueTestBed _bed = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task ChangedBetween_TwoCommits_NamesWhatEachWrote()
    {
        var v0 = _bed.Queue.State.Version;
        await Submit(0);
        var v1 = _bed.Queue.State.Version;
        await Submit(0);
        var v2 = _bed.Queue.State.Version;

        Assert.Equal([1L, 2L], _bed.Queue.ChangedBetween(v0, v2)!.Order());
        Assert.Equal([2L], _bed.Queue.ChangedBetween(v1, v2)!);
        Assert.Empty(_bed.Queue.ChangedBetween(v2, v2)!);
        Assert.Null(_bed.Queue.ChangedBetween(v2, v1));
        Assert.Null(_bed.Queue.ChangedBetween(v2, v2 + 1));
    }

    [Fact]
    public async Task ReuseFor_ALowerPriorityJobBehindAFullCluster_KeepsThePlan()
    {
        await Submit(0);
        var kept = Pass();
        Assert.Empty(kept.Plan.Starts);

        await Submit(-1);

        Assert.Same(kept.Plan, kept.ReuseFor(_bed.Queue.State, Full, _bed.Queue.ChangedBetween, TimeSpan.Zero, MaxAge));
        Assert.Equal(FullPass(_bed.Queue.State).Starts, kept.Plan.Starts);
    }

    [Fact]
    public async Task ReuseFor_TheJobWhereThePassStoppedIsHeld_KeepsThePlan()
    {
        // The pass stopped before looking at it: its reason is computed when asked, from the job as it is.
        await Submit(0);
        var kept = Pass();

        await _bed.ActAsync(JobAction.Hold, 1);

        Assert.Same(kept.Plan, kept.ReuseFor(_bed.Queue.State, Full, _bed.Queue.ChangedBetween, TimeSpan.Zero, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_AJobAheadOfWhereThePassStopped_MakesAFullPass()
    {
        await Submit(0);
        var kept = Pass();

        await Submit(1);

        Assert.Null(kept.ReuseFor(_bed.Queue.State, Full, _bed.Queue.ChangedBetween, TimeSpan.Zero, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_TheNodeFreedItsCpus_MakesAFullPassThatStartsTheJob()
    {
        await Submit(0);
        var kept = Pass();
        await Submit(-1);

        Assert.Null(kept.ReuseFor(_bed.Queue.State, Capacity, _bed.Queue.ChangedBetween, TimeSpan.Zero, MaxAge));
        Assert.NotEmpty(FullPass(_bed.Queue.State, Capacity).Starts);
    }

    [Fact]
    public async Task ReuseFor_APlanAsOldAsTheTick_MakesAFullPass()
    {
        await Submit(0);
        var kept = Pass();
        await Submit(-1);

        Assert.Null(kept.ReuseFor(_bed.Queue.State, Full, _bed.Queue.ChangedBetween, MaxAge, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_NothingChanged_MakesAFullPass()
    {
        // The once-a-second pass with no change is a full one: only a change is checked against the kept plan.
        await Submit(0);
        var kept = Pass();

        Assert.Null(kept.ReuseFor(_bed.Queue.State, Full, _bed.Queue.ChangedBetween, TimeSpan.Zero, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_ChangesTheQueueCannotName_MakesAFullPass()
    {
        await Submit(0);
        var kept = Pass();
        await Submit(-1);

        Assert.Null(kept.ReuseFor(_bed.Queue.State, Full, (_, _) => null, TimeSpan.Zero, MaxAge));
    }

    private KeptPlan Pass()
    {
        var state = _bed.Queue.State;
        return new KeptPlan(state, Full, FullPass(state), 0);
    }

    private AdmissionPlan FullPass(QueueState state, IReadOnlyList<NodeSnapshot>? nodes = null) =>
        AdmissionPolicy.Plan(state.Index, state.Jobs.GetValueOrDefault, nodes ?? Full, AdmissionSettings.Defaults, _bed.Time.GetUtcNow());

    private Task<SubmitResponse> Submit(int priority) =>
        _bed.SubmitAsync(QueueTestBed.Script() with { Priority = priority });
}
