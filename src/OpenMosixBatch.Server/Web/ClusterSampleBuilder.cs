using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Web;

/// <summary>Takes one <see cref="ClusterSample"/> from a queue snapshot and the nodes; pure, so its figures are tested without a server.</summary>
public static class ClusterSampleBuilder
{
    /// <param name="state">The queue snapshot.</param>
    /// <param name="nodes">The nodes as admission sees them now (<see cref="Cluster.NodeTable.Snapshot"/>).</param>
    /// <param name="settings">The admission settings: the utilisation mode and the default thresholds.</param>
    /// <param name="now">The sample's time.</param>
    /// <param name="since">The previous sample's time: tasks that ended and jobs that started after it count in this one.</param>
    public static ClusterSample Build(QueueState state, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, DateTimeOffset now, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        int queued = 0, held = 0, waiting = 0, running = 0, migrating = 0, ended = 0, started = 0;
        double waited = 0;
        DateTimeOffset? oldest = null;
        foreach (var job in state.LiveAndRecent)
        {
            switch (job.State)
            {
                case JobState.Queued:
                    queued++;
                    oldest = oldest is { } o && o <= job.SubmitTime ? o : job.SubmitTime;
                    break;
                case JobState.Held:
                    held++;
                    break;
                case JobState.Waiting:
                    waiting++;
                    break;
            }

            if (job.StartTime is { } start && start > since && start <= now)
            {
                started++;
                waited += Math.Max(0, (start - job.SubmitTime).TotalSeconds);
            }

            foreach (var task in job.Tasks)
            {
                running += task.State.IsActive() ? 1 : 0;
                migrating += task.State == JobState.Migrating ? 1 : 0;
                ended += task.EndTime is { } end && end > since && end <= now ? 1 : 0;
            }
        }

        var ledger = new NodeLedger(nodes, settings.Mode);
        var minutes = (now - since).TotalMinutes;
        return new ClusterSample(now, queued, held, waiting, running, migrating,
            EndedPerMinute: minutes > 0 ? ended / minutes : 0,
            MeanWaitSeconds: started > 0 ? waited / started : null,
            LongestWaitSeconds: oldest is { } first ? Math.Max(0, (now - first).TotalSeconds) : null,
            CpuUtilization: Bounded(ledger.ClusterCpu()),
            MemoryUtilization: Bounded(ledger.ClusterMemory()),
            settings.Default.Cpu, settings.Default.Memory);
    }

    /// <summary>An empty cluster (no node accepting work) counts as full for admission; a plot shows it as 100%.</summary>
    private static double Bounded(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 1;
}
