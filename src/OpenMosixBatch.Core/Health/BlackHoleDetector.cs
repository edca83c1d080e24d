using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Health;

/// <summary>
/// Finds "black-hole" nodes: a node where tasks fail far more often than elsewhere finishes them fast, looks idle,
/// and so attracts ever more work (the openMosix FAQ's bad-memory node). It keeps a sliding window of task ends per
/// node; time is the caller's.
/// </summary>
/// <remarks>
/// A node is convicted when, within the window, at least <see cref="BlackHoleSettings.MinFailures"/> of its tasks
/// failed and its failure share is at least <see cref="BlackHoleSettings.FailureRatio"/> times the share of all
/// other nodes together. Comparing with the rest of the cluster is what tells a bad node from a bad job: a job that
/// fails everywhere fails on every node alike. With no ends elsewhere in the window the share elsewhere is 0 — the
/// black hole's usual picture, where the other nodes are busy with long tasks. Not thread-safe: one caller feeds it.
/// </remarks>
public sealed class BlackHoleDetector(BlackHoleSettings settings)
{
    private readonly Dictionary<string, Queue<(DateTimeOffset At, bool Failed)>> _ends = new(StringComparer.Ordinal);

    public BlackHoleSettings Settings => settings;

    /// <summary>Records one task end and judges its node: the verdict when the node is now a black hole, else null.</summary>
    public BlackHoleVerdict? Record(string node, bool failed, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!_ends.TryGetValue(node, out var ends))
        {
            _ends[node] = ends = new Queue<(DateTimeOffset, bool)>();
        }

        ends.Enqueue((at, failed));
        return failed ? Judge(node, at) : null;
    }

    /// <summary>The verdict on <paramref name="node"/> at <paramref name="now"/>, or null when it is not a black hole.</summary>
    public BlackHoleVerdict? Judge(string node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        Expire(now);
        var (failed, ended) = Count(_ends.GetValueOrDefault(node));
        if (failed == 0 || failed < settings.MinFailures)
        {
            return null;
        }

        var (elsewhereFailed, elsewhereEnded) = (0, 0);
        foreach (var (other, ends) in _ends)
        {
            if (other != node)
            {
                var (f, e) = Count(ends);
                elsewhereFailed += f;
                elsewhereEnded += e;
            }
        }

        // failed/ended ≥ ratio × elsewhereFailed/elsewhereEnded, cross-multiplied so that an exact 3× is 3× in floating point.
        var convicted = elsewhereEnded == 0 || (double)failed * elsewhereEnded >= settings.FailureRatio * elsewhereFailed * ended;
        return convicted
            ? new BlackHoleVerdict(node, failed, ended, elsewhereFailed, elsewhereEnded, settings.Window)
            : null;
    }

    /// <summary>
    /// Whether a task end says anything about its node: true for a failure (non-zero exit, or killed by a signal the
    /// node did not send), false for a success, null for an end that is no evidence — deleted (qdel), or ended by
    /// its node (walltime or memory limit, could not start). Checkpoint exits and evictions are not ends at all.
    /// </summary>
    /// <param name="endedAs">The task's state after the end was applied.</param>
    /// <param name="killReason">Why the node ended it, or null when it ended by itself.</param>
    public static bool? IsFailure(JobState endedAs, string? killReason) => endedAs switch
    {
        JobState.Completed => false,
        JobState.Failed when killReason is null => true,
        _ => null,
    };

    /// <summary>The task ends still inside the window at <paramref name="now"/>, oldest first per node (what a server keeps across a restart).</summary>
    public IReadOnlyList<NodeTaskEnd> Window(DateTimeOffset now)
    {
        Expire(now);
        return [.. _ends.SelectMany(p => p.Value.Select(e => new NodeTaskEnd(p.Key, e.At, e.Failed)))];
    }

    /// <summary>Takes back ends recorded before a restart (see <see cref="Window"/>); those already out of the window at <paramref name="now"/> are dropped.</summary>
    public void Restore(IEnumerable<NodeTaskEnd> ends, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ends);
        foreach (var end in ends.Where(e => e.Node is not null).OrderBy(e => e.At))
        {
            if (!_ends.TryGetValue(end.Node, out var queue))
            {
                _ends[end.Node] = queue = new Queue<(DateTimeOffset, bool)>();
            }

            queue.Enqueue((end.At, end.Failed));
        }

        Expire(now);
    }

    /// <summary>Drops a node's history (it was drained: what it did before must not convict it again once cleared).</summary>
    public void Forget(string node) => _ends.Remove(node);

    private void Expire(DateTimeOffset now)
    {
        foreach (var ends in _ends.Values)
        {
            while (ends.TryPeek(out var oldest) && now - oldest.At > settings.Window)
            {
                ends.Dequeue();
            }
        }
    }

    private static (int Failed, int Ended) Count(Queue<(DateTimeOffset At, bool Failed)>? ends) =>
        ends is null ? (0, 0) : (ends.Count(e => e.Failed), ends.Count);
}
