using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Estimates how many CPUs each task wants (its runnable demand) from the CPU time it used between two ticks plus the
/// time it waited runnable for a CPU. A task that computes counts as one whole runnable process even when it got a
/// tenth of a CPU on a crowded node — exactly the case the planner must see — while a task that mostly sleeps counts
/// for what it used.
/// </summary>
public sealed class TaskDemandTracker
{
    /// <summary>Using at least this share of a CPU means the task is runnable, not waiting.</summary>
    public const double RunnableShare = 0.2;

    private readonly Dictionary<TaskKey, (TimeSpan Cpu, TimeSpan Wait, DateTimeOffset At)> _last = [];
    private Dictionary<TaskKey, double> _shares = [];

    /// <summary>CPU seconds per wall second each task got since the previous update (tasks seen before only).</summary>
    public IReadOnlyDictionary<TaskKey, double> Shares => _shares;

    /// <summary>Demand of every task in <paramref name="loads"/>; a task seen for the first time counts as runnable.</summary>
    public IReadOnlyDictionary<TaskKey, double> Update(IReadOnlyList<NodeLoad> loads, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var demand = new Dictionary<TaskKey, double>();
        var shares = new Dictionary<TaskKey, double>();
        foreach (var task in loads.SelectMany(l => l.Tasks))
        {
            var key = new TaskKey(task.JobId, task.TaskIndex);
            if (_last.TryGetValue(key, out var last) && now > last.At)
            {
                var seconds = (now - last.At).TotalSeconds;
                var share = Math.Max(0, (task.CpuTime - last.Cpu).TotalSeconds / seconds);
                var waited = Math.Max(0, (task.RunQueueWait - last.Wait).TotalSeconds / seconds);
                shares[key] = share;
                demand[key] = Estimate(share + waited);
            }
            else
            {
                demand[key] = 1.0;
            }

            _last[key] = (task.CpuTime, task.RunQueueWait, now);
        }

        _shares = shares;

        foreach (var gone in _last.Keys.Where(k => !demand.ContainsKey(k)).ToList())
        {
            _last.Remove(gone);
        }

        return demand;
    }

    /// <summary>Demand for a measured runnable share (CPU plus run-queue seconds per wall second).</summary>
    public static double Estimate(double share) =>
        !double.IsFinite(share) || share < 0 ? 1.0 : share >= RunnableShare ? Math.Max(1.0, Math.Round(share)) : share;
}
