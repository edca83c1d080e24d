using System.Collections;
using CsCheck;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

public sealed class ReservationBookTests
{
    private static readonly AdmissionSettings Full = new(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());

    [Fact]
    public void Reserve_RunningTasksWithWalltimes_ReturnsTheEarliestEndThatMakesRoom()
    {
        var early = Running(Submit(1, Spec(walltime: TimeSpan.FromMinutes(30))), "node1", T0);
        var late = Running(Submit(2, Spec(walltime: TimeSpan.FromHours(2))), "node1", T0);
        var blocked = Submit(3, Spec(cpus: 2, walltime: TimeSpan.FromHours(1)));
        var book = new ReservationBook([early, late, blocked], Full);

        var at = book.Reserve(blocked, new NodeLedger([Node("node1", cpus: 2, allocCpus: 2)], UtilizationMode.Max));

        Assert.Equal(T0 + TimeSpan.FromHours(2), at);
    }

    [Fact]
    public void Reserve_ReleaseTheNodeReportDidNotCount_PlacesWhereTheRoomIsInsteadOfChargingTheFirstNode()
    {
        // Found by the property below (seed 9B9j3JnqBck1): node2's report does not count the task running there, so
        // releasing it leaves node2 at -2 allocated, which Max mode reads as 0. Charging the request to node1 instead of
        // placing it on node2 read 4/3 of the cluster's CPUs, over the threshold, and no reservation was made.
        var running = Running(Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromMinutes(20))), "node2", T0);
        var blocked = Submit(2, Spec(cpus: 3, walltime: TimeSpan.FromHours(1)));
        var settings = new AdmissionSettings(new AdmissionThresholds(0.75, 0.75), new Dictionary<string, AdmissionThresholds>(), UtilizationMode.Max);
        var nodes = new List<NodeSnapshot> { Node("node1", cpus: 2, allocCpus: 1), Node("node2", cpus: 1) };

        var at = new ReservationBook([running, blocked], settings).Reserve(blocked, new NodeLedger(nodes, settings.Mode));

        Assert.Equal(T0 + TimeSpan.FromMinutes(20), at);
    }

    [Fact]
    public void Reserve_AnyQueue_SameTimeAsPlacingTheRequestAfterEachEndFromTheJobsOrTheIndex()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 30]).Sample((seed, count) =>
        {
            var r = new Random(seed);
            var jobs = RandomQueues.Jobs(r, count);
            var nodes = RandomQueues.Nodes(r);
            var settings = RandomQueues.Settings(r);
            foreach (var blocked in jobs.Where(QueueIndex.IsPending))
            {
                var expected = PlaceAfterEachEnd(jobs, blocked, new NodeLedger(nodes, settings.Mode), settings);
                Assert.Equal(expected, new ReservationBook(jobs, settings).Reserve(blocked, new NodeLedger(nodes, settings.Mode)));
                var index = QueueIndex.Of(jobs, settings.Order);
                Assert.Equal(expected, new ReservationBook(index, id => jobs.Find(j => j.Id == id), settings).Reserve(blocked, new NodeLedger(nodes, settings.Mode)));
            }
        });
    }

    [Fact]
    public void Reserve_AnyQueue_LeavesThePassLedgerAsItWas()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 30]).Sample((seed, count) =>
        {
            var r = new Random(seed);
            var jobs = RandomQueues.Jobs(r, count);
            var nodes = RandomQueues.Nodes(r);
            var settings = RandomQueues.Settings(r);
            var index = QueueIndex.Of(jobs, settings.Order);
            var book = new ReservationBook(index, id => jobs.Find(j => j.Id == id), settings);
            var ledger = new NodeLedger(nodes, settings.Mode);
            _ = ledger.LargestFree;   // a kept largest node must not outlive the search's changes
            foreach (var blocked in jobs.Where(QueueIndex.IsPending))
            {
                book.Reserve(blocked, ledger);

                var fresh = new NodeLedger(nodes, settings.Mode);
                Assert.Equal(fresh.Nodes, ledger.Nodes);
                Assert.Equal(fresh.LargestFree, ledger.LargestFree);
                Assert.Equal(fresh.FreeAcceptingCpus, ledger.FreeAcceptingCpus);
                Assert.Equal(fresh.ClusterCpu(), ledger.ClusterCpu());
                Assert.Equal(fresh.ClusterMemory(), ledger.ClusterMemory());
                if (nodes.Count > 0)
                {
                    ledger.Allocate(nodes[0].Name, 1, 0);   // the ledger goes on changing after the search, its summary too
                    Assert.Equal(new NodeLedger(ledger.Nodes.ToList(), settings.Mode).LargestFree, ledger.LargestFree);
                    ledger.Release(nodes[0].Name, 1, 0);
                }
            }
        });
    }

    /// <summary>The reservation search as it was first written: release each end in turn, place every chunk, read the thresholds.</summary>
    private static DateTimeOffset? PlaceAfterEachEnd(List<Job> jobs, Job blocked, NodeLedger ledger, AdmissionSettings settings)
    {
        var running = new List<(DateTimeOffset End, ExecutionHosts Nodes, ResourceRequest Request)>();
        foreach (var job in jobs)
        {
            foreach (var t in job.Tasks.Where(t => t.State.IsActive()))
            {
                if (job.Spec.Resources.Walltime is not { } w || t.StartTime is not { } s || t.Node is null)
                {
                    return null;
                }

                running.Add((s + w, t.Node, job.Spec.Resources));
            }
        }

        var request = blocked.Spec.Resources;
        var limits = settings.For(blocked.Spec.Queue);
        foreach (var (end, nodes, held) in running.OrderBy(x => x.End))
        {
            foreach (var n in nodes.Where(ledger.Contains))
            {
                ledger.Release(n, held.CpusPerChunk, held.MemoryBytesPerChunk);
            }

            if (TaskPlacer.Place(request, ledger, new Dictionary<string, int>()).Nodes is not { } placed)
            {
                continue;
            }

            var ahead = ledger.Copy();
            foreach (var n in placed)
            {
                ahead.Allocate(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
            }

            if (ahead.ClusterCpu() <= limits.Cpu + 1e-9 && ahead.ClusterMemory() <= limits.Memory + 1e-9)
            {
                return end;
            }
        }

        return null;
    }

    [Fact]
    public void Reserve_TaskDispatchedButNotStarted_IsUnpredictableAndLooksAtTheJobsOnce()
    {
        var dispatched = TaskRunRules.Dispatch(Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromHours(1))), 0, ["node1"], T0).Job!;
        var blocked = Enumerable.Range(2, 1000).Select(i => Submit(i, Spec(cpus: 2, walltime: TimeSpan.FromHours(1)))).ToList();
        var jobs = new CountingJobs([dispatched, .. blocked]);
        var book = new ReservationBook(jobs, Full);
        var ledger = new NodeLedger([Node("node1", cpus: 2, allocCpus: 2)], UtilizationMode.Max);

        var reservations = blocked.Select(b => book.Reserve(b, ledger)).ToList();

        Assert.All(reservations, r => Assert.Null(r));
        Assert.Equal(1, jobs.Enumerations);
    }

    [Fact]
    public void Reserve_ShapeThatNeverFits_IsNullEveryTimeAndOtherShapesStillGetOne()
    {
        var running = Running(Submit(1, Spec(walltime: TimeSpan.FromHours(1))), "node1", T0);
        var tooBig = Enumerable.Range(2, 3).Select(i => Submit(i, Spec(cpus: 4, walltime: TimeSpan.FromHours(1)))).ToList();
        var fits = Submit(9, Spec(cpus: 2, walltime: TimeSpan.FromHours(1)));
        var jobs = new CountingJobs([running, .. tooBig, fits]);
        var book = new ReservationBook(jobs, Full);
        var ledger = new NodeLedger([Node("node1", cpus: 2, allocCpus: 1)], UtilizationMode.Max);

        Assert.All(tooBig, b => Assert.Null(book.Reserve(b, ledger)));
        Assert.Equal(T0 + TimeSpan.FromHours(1), book.Reserve(fits, ledger));
        Assert.Equal(1, jobs.Enumerations);
    }

    /// <summary>A job list that counts how often it is walked.</summary>
    private sealed class CountingJobs(IReadOnlyList<Job> jobs) : IReadOnlyList<Job>
    {
        public int Enumerations { get; private set; }

        public int Count => jobs.Count;

        public Job this[int index] => jobs[index];

        public IEnumerator<Job> GetEnumerator()
        {
            Enumerations++;
            return jobs.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
