using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>The queue order (FCFS, SJF) and backfill (EASY, none) settings of an admission pass.</summary>
public sealed class AdmissionPolicyOrderTests
{
    private static readonly NodeSnapshot[] OneNode = [Node("node1", cpus: 2)];

    private static AdmissionSettings Settings(QueueOrder order = QueueOrder.Fcfs, BackfillMode backfill = BackfillMode.Easy) =>
        new(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>()) { Order = order, Backfill = backfill };

    [Fact]
    public void Plan_Sjf_StartsTheShorterWalltimeFirstWhereFcfsStartsTheEarlierJob()
    {
        Job[] jobs = [Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromHours(2))), Submit(2, Spec(cpus: 2, walltime: TimeSpan.FromMinutes(5)), secondsAfterT0: 10)];

        var fcfs = AdmissionPolicy.Plan(jobs, OneNode, Settings(QueueOrder.Fcfs), T0.AddMinutes(1));
        var sjf = AdmissionPolicy.Plan(jobs, OneNode, Settings(QueueOrder.Sjf), T0.AddMinutes(1));

        Assert.Equal(1, Assert.Single(fcfs.Starts).JobId);
        Assert.Equal(2, Assert.Single(sjf.Starts).JobId);
    }

    [Fact]
    public void Plan_Sjf_JobWithoutWalltimeGoesAfterJobsWithOne()
    {
        Job[] jobs = [Submit(1, Spec(cpus: 2)), Submit(2, Spec(cpus: 2, walltime: TimeSpan.FromDays(30)), secondsAfterT0: 10)];

        var sjf = AdmissionPolicy.Plan(jobs, OneNode, Settings(QueueOrder.Sjf), T0.AddMinutes(1));

        Assert.Equal(2, Assert.Single(sjf.Starts).JobId);
    }

    [Fact]
    public void Plan_Sjf_PriorityStillComesFirst()
    {
        Job[] jobs = [Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromHours(2), priority: 10)), Submit(2, Spec(cpus: 2, walltime: TimeSpan.FromMinutes(5)))];

        var sjf = AdmissionPolicy.Plan(jobs, OneNode, Settings(QueueOrder.Sjf), T0);

        Assert.Equal(1, Assert.Single(sjf.Starts).JobId);
    }

    [Fact]
    public void Plan_BackfillNone_HoldsBackASmallJobThatEasyLetsThrough()
    {
        var running = Running(Submit(1, Spec(cpus: 1, walltime: TimeSpan.FromHours(1))), "node1", T0);
        var big = Submit(2, Spec(cpus: 2, walltime: TimeSpan.FromHours(1)), secondsAfterT0: 1);
        var small = Submit(3, Spec(cpus: 1, walltime: TimeSpan.FromMinutes(10)), secondsAfterT0: 2);
        var node = Node("node1", cpus: 2, allocCpus: 1);

        var easy = AdmissionPolicy.Plan([running, big, small], [node], Settings(), T0.AddMinutes(1));
        var none = AdmissionPolicy.Plan([running, big, small], [node], Settings(backfill: BackfillMode.None), T0.AddMinutes(1));

        Assert.Equal(3, Assert.Single(easy.Starts).JobId);
        Assert.Empty(none.Starts);
        Assert.Equal("waiting behind job 2: backfill is off (Admission:Backfill none)", none.ReasonFor(small, new Dictionary<long, Job> { [2] = big }.GetValueOrDefault));
    }

    [Fact]
    public void Plan_IndexInAnotherOrderThanTheSettings_IsRefused()
    {
        var index = QueueIndex.Of([Submit(1)], QueueOrder.Fcfs);

        Assert.Throws<ArgumentException>(() => AdmissionPolicy.Plan(index, _ => null, OneNode, Settings(QueueOrder.Sjf), T0));
    }
}
