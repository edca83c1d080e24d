using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Node.Migration;

/// <summary>
/// Measures how fast each node really runs its tasks: the CPU its tasks got against what its declared CPUs promise
/// them. A node declared with more CPUs than its cores (an overcommitted <c>np</c>, or cores shared with other work)
/// shows as slower, which is what lets the planner see that moving work off it pays.
/// </summary>
public sealed class NodeSpeedEstimator
{
    /// <summary>Delivering at least this share of the promise counts as full speed, so noise moves nothing.</summary>
    public const double FullSpeedShare = 0.8;

    /// <summary>Slowest speed estimated, so one bad sample cannot make a node look useless.</summary>
    public const double MinimumSpeed = 0.05;

    private readonly Dictionary<string, double> _estimate = new(StringComparer.Ordinal);

    /// <summary>
    /// Updates and returns the speed of every node: the declared speed while idle or when it delivers what it
    /// promises, else declared × delivered/promised, smoothed over ticks.
    /// </summary>
    /// <param name="loads">The tick's loads.</param>
    /// <param name="demand">Runnable demand per task.</param>
    /// <param name="shares">Measured CPU share per task since the last tick (absent for a task seen the first time).</param>
    public IReadOnlyDictionary<string, double> Update(IReadOnlyList<NodeLoad> loads, IReadOnlyDictionary<(long, int), double> demand, IReadOnlyDictionary<(long, int), double> shares)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(shares);
        var speeds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var load in loads)
        {
            var declared = load.Speed > 0 ? load.Speed : 1.0;
            var keys = load.Tasks.Select(t => (t.JobId, t.TaskIndex)).ToList();
            var wanted = keys.Sum(k => demand.GetValueOrDefault(k, 1.0));
            if (wanted < 1 || keys.Any(k => !shares.ContainsKey(k)))
            {
                speeds[load.Node] = _estimate.TryGetValue(load.Node, out var kept) && wanted >= 1 ? kept : declared;
                _estimate[load.Node] = speeds[load.Node];
                continue;
            }

            var delivered = keys.Sum(k => shares[k]) / Math.Min(load.Cpus, wanted);
            var sample = delivered >= FullSpeedShare ? declared : declared * Math.Max(MinimumSpeed, delivered);
            var smoothed = _estimate.TryGetValue(load.Node, out var previous) ? (previous + sample) / 2 : sample;
            speeds[load.Node] = _estimate[load.Node] = smoothed;
        }

        return speeds;
    }
}
