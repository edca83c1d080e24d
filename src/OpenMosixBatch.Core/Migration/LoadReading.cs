using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// What a tick's loads mean for the planner besides their figures: how many CPUs each task wants, which tasks have a
/// measured CPU share (a node with an unmeasured one is settling), and what each node really delivers.
/// </summary>
/// <param name="Demand">Runnable demand per task (see <see cref="TaskDemandTracker"/>).</param>
/// <param name="Shares">Measured CPU share per task; absent for a task not measured yet.</param>
/// <param name="Capacities">Measured capacity per node, or null for the declared CPUs and speed.</param>
public sealed record LoadReading(
    IReadOnlyDictionary<TaskKey, double> Demand,
    IReadOnlyDictionary<TaskKey, double> Shares,
    IReadOnlyDictionary<string, MeasuredCapacity>? Capacities)
{
    /// <summary>
    /// The reading of a world whose processes are known exactly (the process simulator): every task one runnable,
    /// single-threaded process already measured, every node delivering what it declares.
    /// </summary>
    public static LoadReading Declared(IReadOnlyList<NodeLoad> loads)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var each = new Dictionary<TaskKey, double>();
        foreach (var t in loads.SelectMany(l => l.Tasks))
        {
            each[new TaskKey(t.JobId, t.TaskIndex)] = 1.0;
        }

        return new LoadReading(each, each, null);
    }
}
