using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// The dispatcher's kept plan over a real queue: the ids each version wrote (<see cref="JobQueue.ChangedBetween"/>) let a
/// pass keep the last plan only when a change is past where it stopped, as <see cref="AdmissionReuse"/> rules.
/// </summary>
public sealed class KeptPlanTests : IAsyncLifetime
{
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    // A full node: nothing can start, so a pass stops at the first waiting job.
    private static readonly NodeSnapshot[] Full = [new("node1", 2, 4L << 30, AllocatedCpus: 2, AllocatedMemoryBytes: 1L << 30, State: NodeState.Busy)];
    private static readonly NodeSnapshot[] Capacity = [new("node1", 2, 4L << 30)];
    private readonly CountingJobStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly JobQueue _queue;

    public KeptPlanTests() => _queue = new JobQueue(_store, _time, NullLogger<JobQueue>.Instance);

    public Task InitializeAsync() => _queue.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task ChangedBetween_TwoCommits_NamesWhatEachWrote()
    {
        var v0 = _queue.State.Version;
        await Submit(0);
        var v1 = _queue.State.Version;
        await Submit(0);
        var v2 = _queue.State.Version;

        Assert.Equal([1L, 2L], _queue.ChangedBetween(v0, v2)!.Order());
        Assert.Equal([2L], _queue.ChangedBetween(v1, v2)!);
        Assert.Empty(_queue.ChangedBetween(v2, v2)!);
        Assert.Null(_queue.ChangedBetween(v2, v1));
        Assert.Null(_queue.ChangedBetween(v2, v2 + 1));
    }

    [Fact]
    public async Task ReuseFor_ALowerPriorityJobBehindAFullCluster_KeepsThePlan()
    {
        await Submit(0);
        var kept = Pass();
        Assert.Empty(kept.Plan.Starts);

        await Submit(-1);

        Assert.Same(kept.Plan, kept.ReuseFor(_queue.State, Full, _queue.ChangedBetween, TimeSpan.Zero, MaxAge));
        Assert.Equal(FullPass(_queue.State).Starts, kept.Plan.Starts);
    }

    [Fact]
    public async Task ReuseFor_TheJobWhereThePassStoppedIsHeld_KeepsThePlan()
    {
        // The pass stopped before looking at it: its reason is computed when asked, from the job as it is.
        await Submit(0);
        var kept = Pass();

        await _queue.EnqueueAsync(new ActionCommand(JobAction.Hold, ["1"], Alice));

        Assert.Same(kept.Plan, kept.ReuseFor(_queue.State, Full, _queue.ChangedBetween, TimeSpan.Zero, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_AJobAheadOfWhereThePassStopped_MakesAFullPass()
    {
        await Submit(0);
        var kept = Pass();

        await Submit(1);

        Assert.Null(kept.ReuseFor(_queue.State, Full, _queue.ChangedBetween, TimeSpan.Zero, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_TheNodeFreedItsCpus_MakesAFullPassThatStartsTheJob()
    {
        await Submit(0);
        var kept = Pass();
        await Submit(-1);

        Assert.Null(kept.ReuseFor(_queue.State, Capacity, _queue.ChangedBetween, TimeSpan.Zero, MaxAge));
        Assert.NotEmpty(FullPass(_queue.State, Capacity).Starts);
    }

    [Fact]
    public async Task ReuseFor_APlanAsOldAsTheTick_MakesAFullPass()
    {
        await Submit(0);
        var kept = Pass();
        await Submit(-1);

        Assert.Null(kept.ReuseFor(_queue.State, Full, _queue.ChangedBetween, MaxAge, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_NothingChanged_MakesAFullPass()
    {
        // The once-a-second pass with no change is a full one: only a change is checked against the kept plan.
        await Submit(0);
        var kept = Pass();

        Assert.Null(kept.ReuseFor(_queue.State, Full, _queue.ChangedBetween, TimeSpan.Zero, MaxAge));
    }

    [Fact]
    public async Task ReuseFor_ChangesTheQueueCannotName_MakesAFullPass()
    {
        await Submit(0);
        var kept = Pass();
        await Submit(-1);

        Assert.Null(kept.ReuseFor(_queue.State, Full, (_, _) => null, TimeSpan.Zero, MaxAge));
    }

    private KeptPlan Pass()
    {
        var state = _queue.State;
        return new KeptPlan(state, Full, FullPass(state), 0);
    }

    private AdmissionPlan FullPass(QueueState state, IReadOnlyList<NodeSnapshot>? nodes = null) =>
        AdmissionPolicy.Plan(state.Index, state.Jobs.GetValueOrDefault, nodes ?? Full, AdmissionSettings.Defaults, _time.GetUtcNow());

    private Task<SubmitResponse> Submit(int priority) =>
        _queue.EnqueueAsync(new SubmitCommand(Spec() with { Priority = priority }, Alice, Capacity, ["batch"], 256L << 20, SubmissionLimits.Default));

    private static JobSpec Spec() => new() { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w" };
}
