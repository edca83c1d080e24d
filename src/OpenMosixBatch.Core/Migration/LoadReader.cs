using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Rank 0's reading of the sampled loads, tick after tick: task demand from CPU time and run-queue wait
/// (<see cref="TaskDemandTracker"/>) and what each node delivers (<see cref="NodeCapacityEstimator"/>). It keeps the
/// previous samples it compares with; it decides nothing.
/// </summary>
public sealed class LoadReader
{
    private readonly TaskDemandTracker _demand = new();
    private readonly NodeCapacityEstimator _capacities = new();

    /// <summary>Reads one tick's loads, sampled at <paramref name="now"/>.</summary>
    public LoadReading Read(IReadOnlyList<NodeLoad> loads, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var demand = _demand.Update(loads, now);
        var capacities = _capacities.Update(loads, demand, _demand.Shares);
        return new LoadReading(demand, _demand.Shares, capacities);
    }
}
