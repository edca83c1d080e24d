using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>
/// When a later plan defers on the terms a full comparison of the deferred reasons was made on, so that a job that did
/// not change keeps its kind and need not be compared again.
/// </summary>
public sealed class DeferredKindsBasisTests
{
    private static readonly NodeSnapshot[] FullNode = [Node("node1", allocCpus: 2, state: NodeState.Busy)];

    private static readonly AdmissionSettings Whole = new(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());

    private static Func<long, Job?> Lookup(params Job[] jobs) => jobs.ToDictionary(j => j.Id).GetValueOrDefault;

    private static AdmissionPlan Plan(Job[] jobs, IReadOnlyList<NodeSnapshot> nodes, DateTimeOffset now, AdmissionSettings? settings = null) =>
        AdmissionPolicy.Plan(QueueIndex.Of(jobs), Lookup(jobs), nodes, settings ?? AdmissionSettings.Defaults, now);

    [Fact]
    public void Holds_SameQueueAndNodesLater_IsTrue_WithoutAReservationForever()
    {
        Job[] jobs = [Submit(1), Submit(2)];
        var basis = DeferredKindsBasis.Of(Plan(jobs, FullNode, T0), FullNode, QueueIndex.Of(jobs).Pending, T0)!;

        Assert.Equal(DateTimeOffset.MaxValue, basis.Until);
        Assert.True(basis.Holds(Plan(jobs, FullNode, T0.AddDays(3)), FullNode, T0.AddDays(3), []));
    }

    [Fact]
    public void Holds_MeasuredLoadMovedOnAFullNode_IsTrue_ButWithACpuFree_IsFalse()
    {
        Job[] jobs = [Submit(1, Spec(cpus: 2)), Submit(2, Spec(cpus: 2))];
        NodeSnapshot[] loaded = [FullNode[0] with { MeasuredCpuUtilization = 0.9 }];
        NodeSnapshot[] halfFree = [Node("node1", allocCpus: 1)];
        NodeSnapshot[] halfFreeLoaded = [halfFree[0] with { MeasuredCpuUtilization = 0.9 }];

        var full = DeferredKindsBasis.Of(Plan(jobs, FullNode, T0), FullNode, QueueIndex.Of(jobs).Pending, T0)!;
        var half = DeferredKindsBasis.Of(Plan(jobs, halfFree, T0), halfFree, QueueIndex.Of(jobs).Pending, T0)!;

        Assert.True(full.Holds(Plan(jobs, loaded, T0), loaded, T0, []));
        Assert.False(half.Holds(Plan(jobs, halfFreeLoaded, T0), halfFreeLoaded, T0, []));
    }

    [Fact]
    public void Holds_NodesOrWhereThePassStoppedChanged_IsFalse()
    {
        Job[] jobs = [Submit(1), Submit(2)];
        var basis = DeferredKindsBasis.Of(Plan(jobs, FullNode, T0), FullNode, QueueIndex.Of(jobs).Pending, T0)!;
        NodeSnapshot[] twoNodes = [FullNode[0], Node("node2", allocCpus: 2, state: NodeState.Busy)];
        Job[] aheadOfThem = [Submit(3, Spec(priority: 5)), .. jobs];

        Assert.False(basis.Holds(Plan(jobs, twoNodes, T0), twoNodes, T0, []));
        Assert.False(basis.Holds(Plan(aheadOfThem, FullNode, T0), FullNode, T0, [3]));
    }

    [Fact]
    public void Holds_AJobThePassStartedChanged_IsFalse()
    {
        // Job 1 starts on the free node (the plan's starts are on the pass's ledger); a change to it changes the ledger.
        Job[] jobs = [Submit(1, Spec(cpus: 2)), Submit(2, Spec(cpus: 2))];
        NodeSnapshot[] free = [Node("node1")];
        var plan = Plan(jobs, free, T0, Whole);
        Assert.Equal(1L, Assert.Single(plan.Starts).JobId);
        var basis = DeferredKindsBasis.Of(plan, free, QueueIndex.Of(jobs).Pending, T0)!;

        Assert.True(basis.Holds(Plan(jobs, free, T0, Whole), free, T0, [2]));
        Assert.False(basis.Holds(Plan(jobs, free, T0, Whole), free, T0, [1]));
    }

    [Fact]
    public void Of_UnderAReservation_HoldsUntilAJobThatEndedBeforeItNoLongerDoes()
    {
        // Job 1 runs for an hour; job 2 waits for the whole node and reserves it at T0 + 1 h. Job 3 (20 min) ends
        // before the reservation until T0 + 40 min, so its reason is the node's; after that, backfill's.
        var running = Running(Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromHours(1))), "node1", T0);
        Job[] jobs = [running, Submit(2, Spec(cpus: 2, walltime: TimeSpan.FromHours(1))), Submit(3, Spec(walltime: TimeSpan.FromMinutes(20))),
            Submit(4, Spec(walltime: TimeSpan.FromHours(2)))];
        var index = QueueIndex.Of(jobs);
        var plan = Plan(jobs, FullNode, T0, Whole);
        Assert.Equal(T0.AddHours(1), plan.Deferred!.Reservation);

        var basis = DeferredKindsBasis.Of(plan, FullNode, index.Pending, T0)!;

        Assert.Equal(T0.AddMinutes(40), basis.Until);
        var atTheLimit = Plan(jobs, FullNode, T0.AddMinutes(40), Whole);
        var after = Plan(jobs, FullNode, T0.AddMinutes(41), Whole);
        Assert.True(basis.Holds(atTheLimit, FullNode, T0.AddMinutes(40), []));
        Assert.False(basis.Holds(after, FullNode, T0.AddMinutes(41), []));
        Assert.Equal(WaitKind.NoRoom, atTheLimit.Deferred!.ReasonOf(jobs[2], Lookup(jobs))!.Value.Kind);
        Assert.Equal(WaitKind.Backfill, after.Deferred!.ReasonOf(jobs[2], Lookup(jobs))!.Value.Kind);
    }

    [Fact]
    public void Of_APlanThatDeferredNothing_IsNull()
    {
        Job[] jobs = [Submit(1)];

        Assert.Null(DeferredKindsBasis.Of(Plan(jobs, [Node("node1")], T0), [Node("node1")], QueueIndex.Of(jobs).Pending, T0));
    }
}
