using System.Collections.Immutable;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Which of a tick's stay reasons rank 0 passes on to the server: a task's reason when it changes, so that qstat -f
/// shows the planner's latest decision without a database write per task and tick.
/// </summary>
/// <remarks>
/// Gains, costs and cool-downs are figures that move a little on every tick (the task's CPU time grows), so a stay
/// whose decision is the same (same <see cref="StayCause"/>, pressure and target) and only its figures change goes
/// out at most once per <see cref="Refresh"/>; a different decision goes out at once. A task that leaves the plan
/// (moved, in flight, ended) is forgotten: its next stay is news again.
/// </remarks>
public sealed class StayReasons
{
    /// <summary>How stale the figures of an unchanged cause may get in qstat -f.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private ImmutableDictionary<TaskKey, ReportedStay> _sent = ImmutableDictionary<TaskKey, ReportedStay>.Empty;

    /// <summary>The stays to send now, of <paramref name="stays"/> (every task the tick planned and did not move).</summary>
    public IReadOnlyList<TaskStay> Changed(IReadOnlyList<TaskStay> stays, DateTimeOffset now)
    {
        var (changed, sent) = Changed(_sent, stays, now);
        _sent = sent;
        return changed;
    }

    /// <summary>
    /// The stays to send now, of <paramref name="stays"/> (every task the tick planned and did not move), given what
    /// was <paramref name="sent"/> before; and what has been sent after them.
    /// </summary>
    public static (IReadOnlyList<TaskStay> Changed, ImmutableDictionary<TaskKey, ReportedStay> Sent) Changed(
        ImmutableDictionary<TaskKey, ReportedStay> sent, IReadOnlyList<TaskStay> stays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(stays);
        var planned = new HashSet<TaskKey>();
        var changed = new List<TaskStay>();
        var next = sent.ToBuilder();
        foreach (var stay in stays)
        {
            var key = new TaskKey(stay.JobId, stay.TaskIndex);
            planned.Add(key);
            if (next.TryGetValue(key, out var last)
                && SameDecision(last.Stay, stay)
                && (last.Stay == stay || now - last.Sent < Refresh))
            {
                continue;
            }

            next[key] = new ReportedStay(stay, now);
            changed.Add(stay);
        }

        next.RemoveRange(next.Keys.Where(k => !planned.Contains(k)).ToList());
        return (changed, next.ToImmutable());
    }

    /// <summary>The same decision, whatever its figures: same node, cause, pressure and target.</summary>
    private static bool SameDecision(TaskStay a, TaskStay b) =>
        a.Cause == b.Cause && a.Pressure == b.Pressure
        && string.Equals(a.Node, b.Node, StringComparison.Ordinal)
        && string.Equals(a.Target, b.Target, StringComparison.Ordinal);
}
