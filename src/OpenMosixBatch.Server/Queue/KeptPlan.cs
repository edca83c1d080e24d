using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The dispatcher's last admission plan with the queue and nodes it was made on, and when its last full pass ran:
/// the next pass keeps it when the queue changed only where that pass never looked (<see cref="AdmissionReuse"/>).
/// </summary>
/// <param name="State">The queue the plan holds for.</param>
/// <param name="Nodes">The nodes it holds for.</param>
/// <param name="Plan">The plan.</param>
/// <param name="FullPassAt">When the pass that made the plan ran (a timestamp of the dispatcher's clock).</param>
internal sealed record KeptPlan(QueueState State, IReadOnlyList<NodeSnapshot> Nodes, AdmissionPlan Plan, long FullPassAt)
{
    /// <summary>
    /// The plan again for <paramref name="state"/> and <paramref name="nodes"/>, or null when a full pass is needed:
    /// a change the queue cannot name, one the plan depends on, or a plan older than <paramref name="maxAge"/>
    /// (the once-a-second pass stays a full one, whatever the property over time says).
    /// </summary>
    public AdmissionPlan? ReuseFor(QueueState state, IReadOnlyList<NodeSnapshot> nodes, Func<long, long, IReadOnlyCollection<long>?> changedBetween,
        TimeSpan age, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(changedBetween);
        if (age >= maxAge || state.Version == State.Version || changedBetween(State.Version, state.Version) is not { } changed)
        {
            return null;
        }

        return AdmissionReuse.Holds(Plan, State.Index, State.Jobs.GetValueOrDefault, Nodes, state.Index, state.Jobs.GetValueOrDefault, nodes, changed)
            ? Plan : null;
    }
}
