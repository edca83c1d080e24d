using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Measures how much CPU each node really delivers to its tasks, as the planner's CPUs and speed. A node declared
/// with more CPUs than it has cores (an overcommitted <c>np</c>, or cores shared with other work) delivers less than
/// it promises while it is crowded; the CPU its tasks then got is what it has. Modelling that as fewer CPUs, not as
/// slower CPUs, matters: a slow-CPU model predicts the node stays slow as tasks leave it, and the planner would
/// empty it onto the nodes it shares cores with.
/// </summary>
public sealed class NodeCapacityEstimator
{
    /// <summary>Delivering at least this share of the promise counts as keeping it, so noise moves nothing.</summary>
    public const double FullShare = 0.8;

    /// <summary>Least capacity estimated (in CPUs), so one bad sample cannot make a node look useless.</summary>
    public const double MinimumCpus = 0.05;

    private readonly Dictionary<string, double> _cpus = new(StringComparer.Ordinal);

    /// <summary>
    /// Updates and returns every node's capacity: the declared CPUs and speed while idle or while the node delivers
    /// what it promises, else the CPUs its tasks got, smoothed over the ticks where every task was measured.
    /// </summary>
    /// <param name="loads">The tick's loads.</param>
    /// <param name="demand">Runnable demand per task.</param>
    /// <param name="shares">Measured CPU share per task since the last tick (absent for a task seen the first time).</param>
    public IReadOnlyDictionary<string, MeasuredCapacity> Update(IReadOnlyList<NodeLoad> loads, IReadOnlyDictionary<TaskKey, double> demand, IReadOnlyDictionary<TaskKey, double> shares)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(shares);
        var capacities = new Dictionary<string, MeasuredCapacity>(StringComparer.Ordinal);
        foreach (var load in loads)
        {
            var declared = Math.Max(1, load.Cpus);
            var keys = load.Tasks.Select(t => new TaskKey(t.JobId, t.TaskIndex)).ToList();
            var wanted = keys.Sum(k => demand.GetValueOrDefault(k, 1.0));
            double cpus;
            if (wanted < 1)
            {
                // Idle: nothing to measure, and an idle node must be able to draw work by what it declares.
                cpus = declared;
            }
            else if (keys.Any(k => !shares.ContainsKey(k)))
            {
                // A task not measured yet: the last measurement stands (or the declaration), and is not recorded,
                // so that the first real measurement is not averaged with a guess.
                cpus = _cpus.GetValueOrDefault(load.Node, declared);
            }
            else
            {
                var promised = Math.Min(declared, wanted);
                var delivered = keys.Sum(k => shares[k]);
                var sample = delivered >= FullShare * promised ? declared : Math.Max(MinimumCpus, delivered);
                cpus = _cpus.TryGetValue(load.Node, out var previous) ? (previous + sample) / 2 : sample;
                _cpus[load.Node] = cpus;
            }

            capacities[load.Node] = MeasuredCapacity.Of(cpus, load.Speed > 0 ? load.Speed : 1.0);
        }

        return capacities;
    }
}
