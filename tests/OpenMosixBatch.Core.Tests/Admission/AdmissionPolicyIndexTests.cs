using CsCheck;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>The indexed pass that stops early against the full pass it replaced (<see cref="ReferenceAdmission"/>).</summary>
public sealed class AdmissionPolicyIndexTests
{
    private static readonly AdmissionSettings Full = new(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());

    [Fact]
    public void Plan_AnyQueue_SameStartsAndReasonsAsTheFullPass()
    {
        Gen.Select(Gen.Int, Gen.Int[0, 40], Gen.Int[0, 120]).Sample((seed, count, minutes) =>
        {
            var r = new Random(seed);
            var jobs = RandomQueues.Jobs(r, count);
            var nodes = RandomQueues.Nodes(r);
            var settings = RandomQueues.Settings(r);
            var now = T0.AddMinutes(minutes);

            var expected = ReferenceAdmission.Plan(jobs, nodes, settings, now);
            var actual = AdmissionPolicy.Plan(jobs, nodes, settings, now);

            Assert.Equal(expected.Starts.Select(s => (s.JobId, s.TaskIndex, string.Join(',', s.Nodes))),
                actual.Starts.Select(s => (s.JobId, s.TaskIndex, string.Join(',', s.Nodes))));
            var byId = jobs.ToDictionary(j => j.Id);
            Assert.Equal(expected.Reasons.OrderBy(p => p.Key),
                jobs.Select(j => (j.Id, Reason: actual.ReasonFor(j, byId.GetValueOrDefault))).Where(p => p.Reason is not null)
                    .Select(p => KeyValuePair.Create(p.Id, p.Reason!)).OrderBy(p => p.Key));
        });
    }

    [Fact]
    public void Plan_FullClusterLongQueue_LooksOnlyAtTheJobsUpToTheFirstBlockedOne()
    {
        var jobs = Enumerable.Range(1, 10_000).Select(i => Submit(i, Spec(walltime: TimeSpan.FromMinutes(10)))).ToList();
        var byId = jobs.ToDictionary(j => j.Id);
        var looked = 0;

        var plan = AdmissionPolicy.Plan(QueueIndex.Of(jobs), id => { looked++; return byId.GetValueOrDefault(id); }, [Node("node1", cpus: 2)], Full, T0);

        Assert.Equal([1L, 2L], plan.Starts.Select(s => s.JobId));
        Assert.InRange(looked, 2, 10);
        Assert.NotNull(plan.Deferred);
        Assert.Equal("no node has 1 CPUs free; largest free: node1 with 0 CPUs and 4 GiB", plan.ReasonFor(byId[9_999], byId.GetValueOrDefault));
        Assert.Null(plan.ReasonFor(byId[1], byId.GetValueOrDefault));
    }

    [Fact]
    public void Plan_ThresholdReachedBeforeTheCpusAreFull_StopsThereAndDefersTheSameReasons()
    {
        var jobs = Enumerable.Range(1, 1_000).Select(i => Submit(i, Spec(cpus: 1 + (i % 2)))).ToList();
        var byId = jobs.ToDictionary(j => j.Id);
        var settings = new AdmissionSettings(new AdmissionThresholds(0.5, 1), new Dictionary<string, AdmissionThresholds>(), UtilizationMode.Allocated);
        var nodes = new[] { Node("node1", cpus: 4), Node("node2", cpus: 4) };
        var looked = 0;

        var expected = ReferenceAdmission.Plan(jobs, nodes, settings, T0);
        var plan = AdmissionPolicy.Plan(QueueIndex.Of(jobs), id => { looked++; return byId.GetValueOrDefault(id); }, nodes, settings, T0);

        Assert.Equal(expected.Starts.Select(s => s.JobId), plan.Starts.Select(s => s.JobId));
        Assert.InRange(looked, 1, 10);
        Assert.All(expected.Reasons, p => Assert.Equal(p.Value, plan.ReasonFor(byId[p.Key], byId.GetValueOrDefault)));
    }

    [Fact]
    public void ReasonFor_JobsPastTheStop_SameAsTheFullPass()
    {
        var running = Running(Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromHours(1))), "node1", T0);
        var waiting = Enumerable.Range(2, 50).Select(i => Submit(i, Spec(cpus: 1 + (i % 2), walltime: TimeSpan.FromMinutes(i % 3 == 0 ? 30 : 90)))).ToList();
        var held = Submit(60) with { UserHold = true };
        List<Job> jobs = [running, .. waiting, held];
        var byId = jobs.ToDictionary(j => j.Id);
        var nodes = new[] { Node("node1", cpus: 2, allocCpus: 2) };

        var expected = ReferenceAdmission.Plan(jobs, nodes, Full, T0);
        var plan = AdmissionPolicy.Plan(QueueIndex.Of(jobs), byId.GetValueOrDefault, nodes, Full, T0);

        Assert.NotNull(plan.Deferred);
        Assert.True(plan.Reasons.Count < 5);
        Assert.All(expected.Reasons, p => Assert.Equal(p.Value, plan.ReasonFor(byId[p.Key], byId.GetValueOrDefault)));
    }
}
