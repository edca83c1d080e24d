using CsCheck;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>The kept plan (<see cref="AdmissionReuse"/>) against a full pass over the changed queue.</summary>
public sealed class AdmissionReuseTests
{
    [Fact]
    public void Holds_AnyQueueAndEvents_ThenTheFullPassGivesTheSameStartsAndReasons()
    {
        var kept = 0;
        var full = 0;
        // A random queue, a pass over it, then up to 8 changes: submissions (many behind the stop), holds and releases,
        // deletions, replacements, a node whose allocation or state changed; later in time.
        Gen.Select(Gen.Int, Gen.Int[0, 30], Gen.Int[1, 8], Gen.Int[0, 120]).Sample((seed, count, events, minutes) =>
        {
            var r = new Random(seed);
            var jobs = RandomQueues.Jobs(r, count).ToDictionary(j => j.Id);
            var nodes = RandomQueues.Nodes(r);
            var settings = RandomQueues.Settings(r);
            var before = QueueIndex.Of(jobs.Values, settings.Order);
            var plan = AdmissionPolicy.Plan(before, jobs.GetValueOrDefault, nodes, settings, T0);
            var old = new Dictionary<long, Job>(jobs);
            var oldNodes = nodes;

            var changed = new HashSet<long>();
            var next = (long)count + 1;
            for (var e = 0; e < events; e++)
            {
                var id = jobs.Count == 0 ? 0 : jobs.Keys.ElementAt(r.Next(jobs.Count));
                switch (r.Next(7))
                {
                    case 0 or 1 or 2:
                        var fresh = RandomQueues.Job(r, next, next);
                        jobs[next] = r.Next(2) == 0 ? fresh with { Spec = fresh.Spec with { Priority = -1 }, SubmitTime = T0.AddMinutes(1) } : fresh;
                        changed.Add(next++);
                        break;
                    case 3 when id > 0:
                        jobs[id] = jobs[id] with { UserHold = !jobs[id].UserHold };
                        changed.Add(id);
                        break;
                    case 4 when id > 0:
                        jobs.Remove(id);
                        changed.Add(id);
                        break;
                    case 5 when id > 0:
                        jobs[id] = RandomQueues.Job(r, id, next);
                        changed.Add(id);
                        break;
                    case 6 when nodes.Count > 0:
                        var n = r.Next(nodes.Count);
                        nodes = [.. nodes.Select((x, i) => i != n ? x : x with { AllocatedCpus = Math.Min(x.Cpus, x.AllocatedCpus + r.Next(2)), State = r.Next(4) == 0 ? NodeState.Offline : x.State })];
                        break;
                }
            }

            var after = QueueIndex.Of(jobs.Values, settings.Order);
            if (!AdmissionReuse.Holds(plan, before, old.GetValueOrDefault, oldNodes, after, jobs.GetValueOrDefault, nodes, changed))
            {
                full++;
                return;
            }

            kept++;
            var expected = AdmissionPolicy.Plan([.. jobs.Values], nodes, settings, T0.AddMinutes(minutes));
            Assert.Empty(expected.Starts);
            Assert.Equal(expected.Reasons.OrderBy(p => p.Key),
                jobs.Values.Select(j => (j.Id, Reason: plan.ReasonFor(j, jobs.GetValueOrDefault))).Where(p => p.Reason is not null)
                    .Select(p => KeyValuePair.Create(p.Id, p.Reason!)).OrderBy(p => p.Key));
        }, iter: 3000);

        // Both ways are taken often enough for the comparison to mean something.
        Assert.InRange(kept, 100, int.MaxValue);
        Assert.InRange(full, 100, int.MaxValue);
    }

    [Fact]
    public void Holds_ASubmissionBehindAFullCluster_KeepsThePlan()
    {
        var jobs = Enumerable.Range(1, 100).Select(i => Submit(i, Spec())).ToDictionary(j => j.Id);
        var nodes = new[] { Node("node1", cpus: 2, allocCpus: 2) };
        var settings = new AdmissionSettings(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());
        var before = QueueIndex.Of(jobs.Values);
        var plan = AdmissionPolicy.Plan(before, jobs.GetValueOrDefault, nodes, settings, T0);
        var old = new Dictionary<long, Job>(jobs);
        jobs[101] = Submit(101, Spec());

        Assert.True(AdmissionReuse.Holds(plan, before, old.GetValueOrDefault, nodes, QueueIndex.Of(jobs.Values), jobs.GetValueOrDefault, nodes, [101]));
        Assert.Equal("no node has 1 CPUs free; largest free: node1 with 0 CPUs and 4 GiB", plan.ReasonFor(jobs[101], jobs.GetValueOrDefault));
    }

    [Fact]
    public void Holds_AJobAheadOfTheStopChanged_AsksForAFullPass()
    {
        var jobs = Enumerable.Range(1, 10).Select(i => Submit(i, Spec())).ToDictionary(j => j.Id);
        var nodes = new[] { Node("node1", cpus: 2, allocCpus: 2) };
        var settings = new AdmissionSettings(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());
        var before = QueueIndex.Of(jobs.Values);
        var plan = AdmissionPolicy.Plan(before, jobs.GetValueOrDefault, nodes, settings, T0);
        var old = new Dictionary<long, Job>(jobs);
        jobs[0] = Submit(0, Spec(priority: 5));

        Assert.False(AdmissionReuse.Holds(plan, before, old.GetValueOrDefault, nodes, QueueIndex.Of(jobs.Values), jobs.GetValueOrDefault, nodes, [0]));
    }
}
