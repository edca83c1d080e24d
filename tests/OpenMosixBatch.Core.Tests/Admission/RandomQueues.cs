using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>
/// Random queues for the admission property tests, each drawn from one seed (CsCheck draws and shrinks the seeds): ties
/// in priority and submission time, arrays with limits, holds, dependencies, tasks queued, dispatched, running and
/// ended, nodes full, half full, offline or measured busy.
/// </summary>
internal static class RandomQueues
{
    private static readonly string[] NodeNames = ["node1", "node2", "node3"];

    public static Job Job(Random r, long id, long maxId)
    {
        var walltime = r.Next(4) switch { 0 => (TimeSpan?)null, var w => TimeSpan.FromMinutes(20 * w) };
        var spec = Spec(cpus: r.Next(1, 4), memMb: r.Next(3) * 512, walltime: walltime, priority: r.Next(-1, 2), queue: r.Next(4) == 0 ? "low" : "batch");
        var count = r.Next(3) == 0 ? r.Next(2, 5) : 1;
        if (count > 1)
        {
            spec = spec with { Array = new ArraySpec([.. Enumerable.Range(1, count)], r.Next(3) == 0 ? r.Next(1, 3) : null) };
        }

        var job = Submit(id, spec, secondsAfterT0: r.Next(1, 6));
        var tasks = job.Tasks.Select(t => r.Next(6) switch
        {
            0 => t with { State = JobState.Running, Node = ExecutionHosts.On(NodeNames[r.Next(NodeNames.Length)]), StartTime = T0 },
            1 => t with { State = JobState.Running, Node = ExecutionHosts.On(NodeNames[r.Next(NodeNames.Length)]), DispatchTime = T0 },
            2 => t with { State = JobState.Completed, ExitStatus = 0 },
            _ => t,
        }).ToList();
        job = JobStateRules.Settle(job with { Tasks = tasks }, T0, null);
        return r.Next(8) switch
        {
            0 => job with { UserHold = true },
            1 when id > 1 => job with
            {
                DependenciesMet = false,
                Spec = job.Spec with { Dependencies = [new Dependency(DependencyType.AfterOk, r.NextInt64(1, maxId + 1))] },
            },
            _ => job,
        };
    }

    public static List<Job> Jobs(Random r, int count) => [.. Enumerable.Range(1, count).Select(i => Job(r, i, count))];

    public static List<NodeSnapshot> Nodes(Random r) => [.. NodeNames.Take(r.Next(1, 4)).Select(n =>
    {
        var cpus = r.Next(1, 5);
        var node = Node(n, cpus: cpus, memGb: r.Next(1, 5), allocCpus: r.Next(cpus + 1),
            state: r.Next(6) == 0 ? NodeState.Offline : NodeState.Free);
        return r.Next(4) == 0 ? node with { MeasuredCpuUtilization = r.NextDouble() } : node;
    })];

    public static AdmissionSettings Settings(Random r) => new(
        new AdmissionThresholds(r.Next(2) == 0 ? 1 : 0.5 + (r.NextDouble() / 2), r.Next(2) == 0 ? 1 : 0.5 + (r.NextDouble() / 2)),
        new Dictionary<string, AdmissionThresholds> { ["low"] = new(0.5, 0.5) },
        (UtilizationMode)r.Next(3));
}
