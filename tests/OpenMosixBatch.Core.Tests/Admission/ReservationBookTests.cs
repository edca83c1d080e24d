using System.Collections;
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
