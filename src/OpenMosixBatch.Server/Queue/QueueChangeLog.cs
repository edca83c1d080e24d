namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The ids of the jobs each published version of the queue wrote, for its last <paramref name="capacity"/> versions and
/// at most <paramref name="idCapacity"/> ids in all: what lets the dispatcher keep its last plan when a change touched
/// only jobs that pass never looked at (<see cref="Core.Admission.AdmissionReuse"/>), and compare only the changed jobs'
/// wait reasons (<see cref="WaitReasonSweep"/>).
/// </summary>
/// <remarks>
/// The writer records a version before it publishes it, so a reader that sees a version finds its entry. A version
/// whose ids are not known (the queue reloaded whole from the store) is recorded as unknown, and any span over it is.
/// The ids are bounded as well as the versions: 4,096 versions that each rewrote a long queue (a reason recorded for
/// every waiting job) would otherwise keep hundreds of millions of ids. A version that wrote more than the whole bound
/// is recorded as unknown, which costs its readers only a full pass.
/// </remarks>
internal sealed class QueueChangeLog(int capacity, int idCapacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<(long Version, long[]? Ids)> _entries = new();
    private int _ids;

    /// <summary>How many ids the log keeps now (at most the id capacity).</summary>
    public int KeptIds
    {
        get
        {
            lock (_lock)
            {
                return _ids;
            }
        }
    }

    /// <summary>Notes that <paramref name="version"/> wrote the jobs <paramref name="ids"/> (null: not known).</summary>
    public void Record(long version, long[]? ids)
    {
        if (ids is { Length: var n } && n > idCapacity)
        {
            ids = null;
        }

        lock (_lock)
        {
            _entries.Enqueue((version, ids));
            _ids += ids?.Length ?? 0;
            while (_entries.Count > capacity || _ids > idCapacity)
            {
                _ids -= _entries.Dequeue().Ids?.Length ?? 0;
            }
        }
    }

    /// <summary>
    /// Every job written by the versions after <paramref name="from"/> up to <paramref name="to"/>; null when one of
    /// them is unknown or no longer kept.
    /// </summary>
    public HashSet<long>? Between(long from, long to)
    {
        if (to < from)
        {
            return null;
        }

        var ids = new HashSet<long>();
        var next = from + 1;
        lock (_lock)
        {
            foreach (var (version, written) in _entries)
            {
                if (version < next)
                {
                    continue;
                }

                if (version > to)
                {
                    break;
                }

                if (version != next || written is null)
                {
                    return null;
                }

                ids.UnionWith(written);
                next++;
            }
        }

        return next == to + 1 ? ids : null;
    }
}
