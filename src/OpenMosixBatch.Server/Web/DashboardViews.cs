using System.Globalization;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// Builds what the dashboard's pages show from a queue snapshot and pbsnodes' node views; pure, so its figures are
/// tested without a server. Anything naming a job goes through <see cref="Caller.MayAccess"/>, the API's own rule.
/// </summary>
public static class DashboardViews
{
    /// <summary>Most moves the migration page lists.</summary>
    public const int MaxMoves = 200;

    /// <summary>Most finished jobs the jobs page lists besides the unfinished ones (the newest).</summary>
    public const int MaxFinished = 50;

    /// <param name="counts">The job counts when already taken (<see cref="DashboardAggregates"/>); null counts them from <paramref name="state"/>.</param>
    public static OverviewView Overview(QueueState state, IReadOnlyList<NodeView> nodes, AdmissionSettings settings, bool worldAttached, Caller? caller,
        DateTimeOffset now, JobCounts? counts = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        var snapshots = nodes.Select(n => n.Node).ToList();
        var ledger = new NodeLedger(snapshots, settings.Mode);
        var allocated = new NodeLedger(snapshots, UtilizationMode.Allocated);
        var up = snapshots.Where(n => n.AcceptsWork).ToList();
        var cluster = new ClusterView(settings.Mode.ToString().ToLowerInvariant(), Bounded(ledger.ClusterCpu()), Bounded(ledger.ClusterMemory()),
            Bounded(allocated.ClusterCpu()), Bounded(allocated.ClusterMemory()),
            Weighted(up, n => n.MeasuredCpuUtilization, n => n.Cpus), Weighted(up, n => n.MeasuredMemoryUtilization, n => n.MemoryBytes),
            settings.Default.Cpu, settings.Default.Memory, up.Sum(n => n.Cpus), up.Sum(n => n.MemoryBytes), up.Sum(n => n.AllocatedCpus),
            up.Sum(n => n.AllocatedMemoryBytes), up.Count, snapshots.Count);
        var rows = nodes.Select(v => new NodeRow(v.Node.Name, v.Node.State.ToString().ToLowerInvariant(), v.Node.Cpus, v.Node.AllocatedCpus,
            v.Node.MeasuredCpuUtilization, v.Node.MemoryBytes, v.Node.AllocatedMemoryBytes, v.Node.MeasuredMemoryUtilization, v.LoadAverage,
            v.Node.Speed, v.Tasks.Count, [.. v.Tasks.Where(id => Sees(state, caller, id))], v.Comment)).ToList();
        return new OverviewView(now, worldAttached, cluster, counts ?? Counts(state), rows, Session(caller));
    }

    public static JobCounts Counts(QueueState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int q = 0, h = 0, w = 0, r = 0, m = 0, e = 0, tasks = 0;
        foreach (var job in state.Jobs.Values)
        {
            switch (job.State)
            {
                case JobState.Queued: q++; break;
                case JobState.Held: h++; break;
                case JobState.Waiting: w++; break;
                case JobState.Running: r++; break;
                case JobState.Migrating: m++; break;
                case JobState.Exiting: e++; break;
            }

            tasks += job.Tasks.Count(t => t.State.IsActive());
        }

        return new JobCounts(q, h, w, r, m, e, tasks);
    }

    public static HistoryView History(IReadOnlyList<ClusterSample> samples, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return new HistoryView(interval.TotalSeconds, [.. samples.Select(s => s.Time.ToUnixTimeMilliseconds() / 1000.0)], [.. samples.Select(s => s.Queued)],
            [.. samples.Select(s => s.Held)], [.. samples.Select(s => s.Waiting)], [.. samples.Select(s => s.RunningTasks)],
            [.. samples.Select(s => s.MigratingTasks)], [.. samples.Select(s => Math.Round(s.EndedPerMinute, 2))],
            [.. samples.Select(s => s.MeanWaitSeconds)], [.. samples.Select(s => s.LongestWaitSeconds)],
            [.. samples.Select(s => Percent(s.CpuUtilization))], [.. samples.Select(s => Percent(s.MemoryUtilization))],
            [.. samples.Select(s => Percent(s.CpuThreshold))], [.. samples.Select(s => Percent(s.MemoryThreshold))]);
    }

    /// <summary>Moves finished within <paramref name="window"/> (the last one of each task) and those in flight, newest first.</summary>
    public static MigrationsView Migrations(QueueState state, Caller? caller, DateTimeOffset now, TimeSpan window) =>
        Migrations(MoveLog(state, now, window), caller, now);

    /// <summary>The moves of <paramref name="log"/>, a task's id shown only when <paramref name="caller"/> may see its job.</summary>
    public static MigrationsView Migrations(MoveLog log, Caller? caller, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new MigrationsView(now, log.Total, [.. log.Moves.Select(m => caller?.MayAccess(m.Job) == true ? m.Row : m.Row with { Task = null })]);
    }

    /// <summary>Every move finished within <paramref name="window"/> (the last one of each task) and in flight, newest first, with its job.</summary>
    public static MoveLog MoveLog(QueueState state, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(state);
        var moves = new List<(Job Job, MigrationRow Row)>();
        var total = 0;
        foreach (var job in state.LiveAndRecent)
        {
            foreach (var task in job.Tasks)
            {
                total += task.Migrations;
                if (task.Migration is { } pending)
                {
                    moves.Add((job, new MigrationRow(pending.Since, TaskId(job, task), pending.From, pending.To, pending.Bytes, null, InFlight: true)));
                }

                if (task.LastMigration is { } done && done.Time >= now - window)
                {
                    moves.Add((job, new MigrationRow(done.Time, TaskId(job, task), done.From, done.To, done.Bytes, done.Cost.TotalSeconds, InFlight: false)));
                }
            }
        }

        return new MoveLog(total, [.. moves.OrderByDescending(m => m.Row.Time).Take(MaxMoves)]);
    }

    /// <summary>The caller's jobs (all, for an administrator): every unfinished one and the newest finished ones.</summary>
    /// <param name="reason">Why a waiting job waits now (the dispatcher's latest pass), or null to use the stored one.</param>
    /// <param name="estimate">A waiting job's estimated start, or null when unknown.</param>
    public static JobsView Jobs(QueueState state, Caller? caller, Func<Job, string?> reason, Func<Job, DateTimeOffset?> estimate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(estimate);
        if (caller is null)
        {
            return new JobsView(now, null, null);
        }

        // The queue holds the jobs not finished; the ones that finished last are kept beside it.
        var mine = state.Jobs.Values.Where(caller.MayAccess).ToList();
        var finished = state.RecentlyFinished.Where(caller.MayAccess).Take(MaxFinished);
        var rows = mine.Where(j => !j.State.IsFinished()).OrderByDescending(j => j.Id).Concat(finished).Select(j =>
        {
            var waiting = !j.State.IsFinished() && !j.State.IsActive();
            var nodes = string.Join('+', j.Tasks.Where(t => t.State.IsActive() && t.Node is not null).Select(t => t.Node).Distinct());
            return new JobRow(j.DisplayId, j.Spec.Name, j.Owner.UserName, j.State.Letter().ToString(), j.Spec.Queue, j.Tasks.Count,
                nodes.Length > 0 ? nodes : null, (waiting ? reason(j) : null) ?? j.Reason, j.SubmitTime, j.StartTime, j.EndTime,
                (j.StartTime ?? (waiting ? now : null)) is { } s ? Math.Max(0, (s - j.SubmitTime).TotalSeconds) : null,
                waiting ? estimate(j) : null);
        }).ToList();
        return new JobsView(now, Session(caller), rows);
    }

    public static SessionView? Session(Caller? caller) => caller is null ? null : new SessionView(caller.UserName, caller.IsAdministrator);

    private static bool Sees(QueueState state, Caller? caller, string id) =>
        caller is not null && JobIds.TryParse(id, out var reference) && caller.Sees(state.Jobs.GetValueOrDefault(reference.JobId)) is not null;

    private static string TaskId(Job job, JobTask task) =>
        job.Spec.IsArray ? JobIds.FormatTask(job.Id, task.Index) : job.Id.ToString(CultureInfo.InvariantCulture);

    private static double? Weighted(List<NodeSnapshot> nodes, Func<NodeSnapshot, double?> value, Func<NodeSnapshot, double> weight)
    {
        var measured = nodes.Where(n => value(n) is not null).ToList();
        var total = measured.Sum(weight);
        return measured.Count == 0 || total == 0 ? null : measured.Sum(n => value(n)!.Value * weight(n)) / total;
    }

    private static double Percent(double fraction) => Math.Round(fraction * 100, 1);

    private static double Bounded(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 1;
}
