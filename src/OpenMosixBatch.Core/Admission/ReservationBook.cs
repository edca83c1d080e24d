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
public sealed class ReservationBook(IReadOnlyList<Job> jobs, AdmissionSettings settings)
{
    private readonly HashSet<RequestShape> _unreservable = [];
    private List<(DateTimeOffset End, ExecutionHosts Nodes, ResourceRequest Request)>? _running;
    private bool _unpredictable;

    /// <summary>
    /// False when no reservation can be made in this pass, whoever asks: a running task's end cannot be predicted, or
    /// nothing runs (so nothing will end to make room).
    /// </summary>
    public bool CanReserve => RunningEnds() is { Count: > 0 };

    /// <summary>The earliest time <paramref name="blocked"/>'s next task could start as running tasks end; null when unpredictable.</summary>
    public DateTimeOffset? Reserve(Job blocked, NodeLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        ArgumentNullException.ThrowIfNull(ledger);
        var request = blocked.Spec.Resources;
        var shape = RequestShape.Of(blocked);
        if (RunningEnds() is not { } running || _unreservable.Contains(shape))
        {
            return null;
        }

        var future = ledger.Copy();
        var limits = settings.For(blocked.Spec.Queue);
        var slots = new ChunkSlots(request, future);
        var anchor = future.CountsAllocationOnly && request.Hosts.Count == 0 ? future.Accepting.FirstOrDefault()?.Name : null;
        foreach (var (end, nodes, held) in running)
        {
            foreach (var n in nodes)
            {
                if (future.Contains(n))
                {
                    future.Release(n, held);
                    slots.Recount(n);
                }
            }

            if (slots.Total < request.Chunks)
            {
                continue;   // not enough room yet: the placement would fail (it checks the same sum first)
            }

            if (anchor is not null)
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

            foreach (var n in placed)
            {
                future.Allocate(n, request);
            }

            if (future.ClusterCpu() <= limits.Cpu + 1e-9 && future.ClusterMemory() <= limits.Memory + 1e-9)
            {
                return end;
            }

            foreach (var n in placed)
            {
                future.Release(n, request);
            }
        }

        _unreservable.Add(shape);
        return null;
    }

    /// <summary>Every running task's predicted end (start plus walltime), earliest first; null when one cannot be predicted.</summary>
    private List<(DateTimeOffset End, ExecutionHosts Nodes, ResourceRequest Request)>? RunningEnds()
    {
        if (_running is not null || _unpredictable)
        {
            return _running;
        }

        var running = new List<(DateTimeOffset End, ExecutionHosts Nodes, ResourceRequest Request)>();
        foreach (var job in jobs)
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

                running.Add((s + w, t.Node, job.Spec.Resources));
            }
        }

        _running = [.. running.OrderBy(r => r.End)];
        return _running;
    }
}
