using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Server.Status;

/// <summary>qstat -Q and qstat -B's figures from a queue snapshot; pure, so they are tested without a socket.</summary>
public static class StatusViews
{
    /// <summary>One row per known queue and per queue an unfinished job names, by name.</summary>
    public static List<QueueSummary> Queues(IEnumerable<Job> jobs, IReadOnlyList<string> knownQueues, AdmissionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(knownQueues);
        ArgumentNullException.ThrowIfNull(settings);
        var byQueue = knownQueues.ToDictionary(q => q, _ => new Counts(), StringComparer.Ordinal);
        foreach (var job in jobs.Where(j => !j.State.IsFinished()))
        {
            if (!byQueue.TryGetValue(job.Spec.Queue, out var counts))
            {
                byQueue[job.Spec.Queue] = counts = new Counts();
            }

            counts.Add(job.State);
        }

        return [.. byQueue.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q =>
        {
            var limits = settings.For(q.Key);
            var c = q.Value;
            return new QueueSummary(q.Key, null, c.Total, c.Queued, c.Running, c.Held, c.Waiting, c.Exiting, Percent(limits.Cpu), Percent(limits.Memory));
        })];
    }

    /// <summary>The server's status: counts over every unfinished job, the world and its nodes, utilisation as admission sees it.</summary>
    public static ServerStatus Server(IEnumerable<Job> jobs, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, string host, DateTimeOffset startedAt,
        DateTimeOffset now, string? world, DateTimeOffset? worldAttachedAt, string defaultQueue)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        var c = new Counts();
        foreach (var job in jobs.Where(j => !j.State.IsFinished()))
        {
            c.Add(job.State);
        }

        var ledger = new NodeLedger(nodes, settings.Mode);
        var up = world is null ? 0 : nodes.Count(n => n.State != NodeState.Down);
        var limits = settings.For(defaultQueue);
        return new ServerStatus(host, "Active", startedAt, now - startedAt, c.Total, c.Queued, c.Running, c.Held, c.Waiting, c.Exiting, world, worldAttachedAt,
            up, nodes.Count, Percent(ledger.ClusterCpu()), Percent(ledger.ClusterMemory()), Percent(limits.Cpu), Percent(limits.Memory), defaultQueue);
    }

    private static double Percent(double fraction) => Math.Round(fraction * 100, 1);

    private sealed class Counts
    {
        public int Total { get; private set; }

        public int Queued { get; private set; }

        public int Running { get; private set; }

        public int Held { get; private set; }

        public int Waiting { get; private set; }

        public int Exiting { get; private set; }

        public void Add(JobState state)
        {
            Total++;
            switch (state)
            {
                case JobState.Queued:
                    Queued++;
                    break;
                case JobState.Running or JobState.Migrating:
                    Running++;
                    break;
                case JobState.Held:
                    Held++;
                    break;
                case JobState.Waiting:
                    Waiting++;
                    break;
                case JobState.Exiting:
                    Exiting++;
                    break;
                default:
                    break;
            }
        }
    }
}
