using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// The EASY-backfill reservation of one admission pass (see <see cref="AdmissionPolicy"/>): the earliest time a blocked
/// job could start as running tasks end. The running tasks' predicted ends are gathered from the jobs once per pass,
/// and a request shape found unreservable is not tried again in the same pass.
/// </summary>
/// <remarks>
/// A pass tries to reserve for each blocked job until one reservation is made. When none can be (a task dispatched but
/// not started yet has no start to predict its end from, which on a busy cluster is nearly always), it used to try
/// again for every blocked job, each time over every job: a pass over 20,000 queued jobs cost 20,000² task visits and
/// the dispatcher, busy with that, started a few tasks a second. Both shortcuts are exact: an unpredictable running task
/// stays unpredictable for the whole pass, and the pass only ever adds allocations to the ledger, so a shape that could
/// not be placed in the predicted future cannot be placed later in the same pass either.
/// </remarks>
public sealed class ReservationBook
{
    private readonly AdmissionSettings _settings;
    private readonly IReadOnlyList<Job>? _jobs;
    private readonly QueueIndex? _index;
    private readonly Func<long, Job?>? _find;
    private readonly HashSet<RequestShape> _unreservable = [];
    private List<RunningTask>? _running;
    private bool _unpredictable;

    /// <summary>A book over <paramref name="jobs"/>: their running tasks' ends are gathered and sorted once, when first needed.</summary>
    public ReservationBook(IReadOnlyList<Job> jobs, AdmissionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(settings);
        _jobs = jobs;
        _settings = settings;
    }

    /// <summary>
    /// A book over the running tasks <paramref name="index"/> keeps in end order (<see cref="QueueIndex.Ends"/>): a
    /// reservation reads them only until the blocked job fits, and whether one can be made at all costs nothing.
    /// </summary>
    public ReservationBook(QueueIndex index, Func<long, Job?> find, AdmissionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(settings);
        _index = index;
        _find = find;
        _settings = settings;
    }

    /// <summary>
    /// False when no reservation can be made in this pass, whoever asks: a running task's end cannot be predicted, or
    /// nothing runs (so nothing will end to make room).
    /// </summary>
    public bool CanReserve => _index is { } index ? index.Unpredictable == 0 && index.Ends.Count > 0 : RunningEnds() is { Count: > 0 };

    /// <summary>The earliest time <paramref name="blocked"/>'s next task could start as running tasks end; null when unpredictable.</summary>
    public DateTimeOffset? Reserve(Job blocked, NodeLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        ArgumentNullException.ThrowIfNull(ledger);
        var request = blocked.Spec.Resources;
        var shape = RequestShape.Of(blocked);
        if (!CanReserve || _unreservable.Contains(shape))
        {
            return null;
        }

        // The search releases running tasks on the pass's own ledger and takes every change back when it is done: a
        // copy of every node per search cost more than the search itself on a large cluster.
        ledger.BeginLookAhead();
        try
        {
            if (EarliestEnd(request, ledger, _settings.For(blocked.Spec.Queue)) is { } end)
            {
                return end;
            }
        }
        finally
        {
            ledger.EndLookAhead();
        }

        _unreservable.Add(shape);
        return null;
    }

    /// <summary>The first end after which <paramref name="request"/> fits within <paramref name="limits"/>, releasing on <paramref name="future"/> as it goes.</summary>
    private DateTimeOffset? EarliestEnd(ResourceRequest request, NodeLedger future, AdmissionThresholds limits)
    {
        var slots = new ChunkSlots(request, future);
        var anchor = request.Hosts.Count == 0 && !request.Mixed ? future.Accepting.FirstOrDefault()?.Name : null;
        foreach (var (end, nodes, held) in Running())
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                if (future.Contains(nodes[i]))
                {
                    slots.Release(nodes[i], held.ChunkAt(i));
                }
            }

            if (slots.Total < request.Chunks)
            {
                continue;   // not enough room yet: the placement would fail (it checks the same sum first)
            }

            if (anchor is not null && future.CountsAllocationOnly)   // asked at each end: a release can make it false
            {
                // Only allocated shares count, so the cluster's utilisation once the request is placed does not depend
                // on where its chunks go, and the room for them was just counted (chunks of one size fit wherever the
                // count says): charge them all to one node to read the thresholds, rather than placing each chunk.
                var (cpus, memory) = (request.Chunks * request.CpusPerChunk, request.Chunks * request.MemoryBytesPerChunk);
                future.Allocate(anchor, cpus, memory);
                var within = future.ClusterCpu() <= limits.Cpu + 1e-9 && future.ClusterMemory() <= limits.Memory + 1e-9;
                future.Release(anchor, cpus, memory);
                if (within)
                {
                    return end;
                }

                continue;
            }

            var (placed, _) = TaskPlacer.Place(request, future, new Dictionary<string, int>());
            if (placed is null)
            {
                continue;
            }

            future.AllocateChunks(placed, request);

            if (future.ClusterCpu() <= limits.Cpu + 1e-9 && future.ClusterMemory() <= limits.Memory + 1e-9)
            {
                return end;
            }

            future.ReleaseChunks(placed, request);
        }

        return null;
    }

    /// <summary>The running tasks earliest end first: from the index as far as they are read, else gathered once.</summary>
    private IEnumerable<RunningTask> Running()
    {
        if (_index is null)
        {
            foreach (var r in RunningEnds()!)
            {
                yield return r;
            }

            yield break;
        }

        foreach (var e in _index.Ends)
        {
            if (_find!(e.JobId) is { } job)
            {
                yield return new RunningTask(e.End, job.Tasks[e.Position].Node!, job.Spec.Resources);
            }
        }
    }

    /// <summary>Every running task's predicted end (start plus walltime), earliest first; null when one cannot be predicted.</summary>
    private List<RunningTask>? RunningEnds()
    {
        if (_running is not null || _unpredictable)
        {
            return _running;
        }

        var running = new List<RunningTask>();
        foreach (var job in _jobs!)
        {
            foreach (var t in job.Tasks)
            {
                if (!t.State.IsActive())
                {
                    continue;
                }

                if (job.Spec.Resources.Walltime is not { } w || t.StartTime is not { } s || t.Node is null)
                {
                    _unpredictable = true;
                    return null;
                }

                running.Add(new RunningTask(s + w, t.Node, job.Spec.Resources));
            }
        }

        _running = [.. running.OrderBy(r => r.End)];
        return _running;
    }

    private readonly record struct RunningTask(DateTimeOffset End, ExecutionHosts Nodes, ResourceRequest Request);
}
