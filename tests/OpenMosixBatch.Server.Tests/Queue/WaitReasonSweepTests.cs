using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// The dispatcher's comparison of the deferred wait reasons with the recorded ones, over a real queue: a long queue
/// behind a full cluster is walked once, then only the jobs written since are looked at, and the changes found are
/// always those a walk of the whole queue finds.
/// </summary>
public sealed class WaitReasonSweepTests : IAsyncLifetime
{
    private static readonly TimeSpan Every = Dispatcher.DeferredReasonsEvery;

    // A full node: nothing can start, so a pass stops at the first waiting job and defers every other reason.
    private static readonly NodeSnapshot[] Full = [new("node1", 2, 4L << 30, AllocatedCpus: 2, AllocatedMemoryBytes: 1L << 30, State: NodeState.Busy)];

    // The same node with another measured load: on a full node no start depends on it.
    private static readonly NodeSnapshot[] FullLoaded = [Full[0] with { MeasuredCpuUtilization = 0.97, MeasuredMemoryUtilization = 0.5 }];
    private static readonly NodeSnapshot[] Capacity = QueueTestBed.OneNode;
    private readonly QueueTestBed _bed = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly WaitReasonSweep _sweep = new(Every);
    private int _lookups;

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Detect_NothingChangesBehindAFullCluster_LooksAtNoJobAfterTheFirstWalk()
    {
        const int waiting = 1000;
        await Task.WhenAll(Enumerable.Range(0, waiting).Select(_ => Submit(0)));

        var first = await SweepAndRecord(Full);
        Assert.Equal(waiting, first.Count(c => c.Kind == WaitKind.NoRoom));
        Assert.Equal(_bed.Queue.State.Index.Pending.Count, _sweep.Compared);

        // The next sweep looks at the jobs the first one's record wrote, and finds them recorded.
        Assert.Empty(await SweepAndRecord(Full));
        Assert.Equal(first.Count, _sweep.Compared);

        for (var round = 0; round < 5; round++)
        {
            _lookups = 0;
            Assert.Empty(await SweepAndRecord(round % 2 == 0 ? Full : FullLoaded));
            Assert.Equal(0, _sweep.Compared);
            Assert.Equal(0, _lookups);
        }
    }

    [Fact]
    public async Task Detect_AJobSubmittedBehindTheStop_LooksAtItAlone_AndRecordsItsReason()
    {
        for (var i = 0; i < 200; i++)
        {
            await Submit(0);
        }

        await SweepAndRecord(Full);
        await SweepAndRecord(Full);
        var id = (await Submit(0)).Id;
        _lookups = 0;

        var changes = await SweepAndRecord(Full);

        Assert.Equal([(id, WaitKind.NoRoom)], changes.Select(c => (c.JobId, c.Kind)));
        Assert.Equal(1, _sweep.Compared);
        Assert.InRange(_lookups, 1, 5);
        Assert.Equal(WaitKind.NoRoom, _bed.Queue.State.Jobs[id].LastWait);
    }

    [Fact]
    public async Task Detect_TheNodeFreedItsCpus_WalksTheWholeQueueAgain()
    {
        for (var i = 0; i < 20; i++)
        {
            await Submit(0);
        }

        await SweepAndRecord(Full);
        await SweepAndRecord(Full);

        await SweepAndRecord(Capacity);

        Assert.Equal(_bed.Queue.State.Index.Pending.Count, _sweep.Compared);
    }

    [Fact]
    public async Task Detect_OverRandomChanges_FindsWhatAWalkOfTheWholeQueueFinds()
    {
        var random = new Random(15);
        NodeSnapshot[][] nodes = [Full, FullLoaded, Capacity];
        var current = Full;
        var lookedAtFewer = 0;
        for (var step = 0; step < 120; step++)
        {
            var ids = _bed.Queue.State.Jobs.Keys.ToList();
            switch (random.Next(6))
            {
                case 0 or 1:
                    await Submit(random.Next(-1, 2), held: random.Next(4) == 0);
                    break;
                case 2 when ids.Count > 0:
                    await Act(JobAction.Hold, ids[random.Next(ids.Count)]);
                    break;
                case 3 when ids.Count > 0:
                    await Act(JobAction.Release, ids[random.Next(ids.Count)]);
                    break;
                case 4 when ids.Count > 0:
                    await Act(JobAction.Delete, ids[random.Next(ids.Count)]);
                    break;
                default:
                    current = nodes[random.Next(nodes.Length)];
                    break;
            }

            var state = _bed.Queue.State;
            var plan = Plan(state, current);
            var expected = WaitReasonChanges.Detect(plan, state.Jobs.GetValueOrDefault, state.Index.Pending);
            var found = _sweep.Detect(plan, state, state.Jobs.GetValueOrDefault, current, _bed.Time.GetUtcNow(), _bed.Queue.ChangedBetween);

            Assert.Equal(expected, found);
            lookedAtFewer += _sweep.Compared < state.Index.Pending.Count ? 1 : 0;
            if (found.Count > 0)
            {
                await _bed.Queue.EnqueueAsync(new WaitReasonsCommand(found));
            }

            _bed.Time.Advance(Every);
        }

        Assert.True(lookedAtFewer > 20, $"only {lookedAtFewer} of 120 sweeps compared fewer jobs than a walk");
    }

    /// <summary>One sweep (its interval after the last) on the queue as it is, and its changes recorded.</summary>
    private async Task<List<WaitReasonChange>> SweepAndRecord(IReadOnlyList<NodeSnapshot> nodes)
    {
        _bed.Time.Advance(Every);
        var state = _bed.Queue.State;
        Func<long, Job?> find = id =>
        {
            Interlocked.Increment(ref _lookups);
            return state.Jobs.GetValueOrDefault(id);
        };
        var plan = Plan(state, nodes);
        var changes = _sweep.Detect(plan, state, find, nodes, _bed.Time.GetUtcNow(), _bed.Queue.ChangedBetween);
        if (changes.Count > 0)
        {
            await _bed.Queue.EnqueueAsync(new WaitReasonsCommand(changes));
        }

        return changes;
    }

    private AdmissionPlan Plan(QueueState state, IReadOnlyList<NodeSnapshot> nodes) =>
        AdmissionPolicy.Plan(state.Index, state.Jobs.GetValueOrDefault, nodes, AdmissionSettings.Defaults, _bed.Time.GetUtcNow());

    private Task<SubmitResponse> Submit(int priority, bool held = false) =>
        _bed.SubmitAsync(QueueTestBed.Script() with { Priority = priority, Held = held });

    private Task<JobActionResponse> Act(JobAction action, long id) => _bed.ActAsync(action, id);
}
