using System.Text.RegularExpressions;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Node.Migration;

/// <summary>
/// Which of a tick's stay reasons rank 0 passes on to the server: a task's reason when it changes, so that qstat -f
/// shows the planner's latest decision without a database write per task and tick.
/// </summary>
/// <remarks>
/// Gains, costs and cool-downs are figures that move a little on every tick (the task's CPU time grows), so a reason
/// whose words stay and only its figures change goes out at most once per <see cref="Refresh"/>; a reason in other
/// words (a different cause) goes out at once. A task that leaves the plan (moved, in flight, ended) is forgotten:
/// its next stay is news again.
/// </remarks>
public sealed partial class StayReasons
{
    /// <summary>How stale the figures of an unchanged cause may get in qstat -f.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private readonly Dictionary<(long, int), (string Reason, DateTimeOffset Sent)> _sent = [];

    /// <summary>The stays to send now, of <paramref name="stays"/> (every task the tick planned and did not move).</summary>
    public IReadOnlyList<TaskStay> Changed(IReadOnlyList<TaskStay> stays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stays);
        var planned = new HashSet<(long, int)>();
        var changed = new List<TaskStay>();
        foreach (var stay in stays)
        {
            var key = (stay.JobId, stay.TaskIndex);
            planned.Add(key);
            if (_sent.TryGetValue(key, out var last)
                && (last.Reason == stay.Reason || (Words(last.Reason) == Words(stay.Reason) && now - last.Sent < Refresh)))
            {
                continue;
            }

            _sent[key] = (stay.Reason, now);
            changed.Add(stay);
        }

        foreach (var gone in _sent.Keys.Where(k => !planned.Contains(k)).ToList())
        {
            _sent.Remove(gone);
        }

        return changed;
    }

    /// <summary>The reason without its figures: "gains 0.8 s" and "gains 0.9 s" have the same words.</summary>
    private static string Words(string reason) => Figures().Replace(reason, "#");

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)?")]
    private static partial Regex Figures();
}
