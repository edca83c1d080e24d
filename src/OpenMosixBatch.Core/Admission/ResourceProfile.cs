using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// The nodes' future as a start-time estimate sees it: the snapshot of now, the running tasks' predicted ends, and the
/// tasks the estimate has placed so far. <see cref="Fit"/> finds the earliest time a task can start and hold its nodes
/// for its whole walltime, with the placement and threshold rules of an admission pass.
/// </summary>
/// <remarks>
/// The first candidate is the earliest allowed time, the others the predicted ends, as <see cref="ReservationBook"/>
/// tries them; a candidate is swept to in time order, applying each end and planned start once, so one fit costs a
/// sort of the events plus a placement per candidate.
/// </remarks>
internal sealed class ResourceProfile(IReadOnlyList<NodeSnapshot> nodes, UtilizationMode mode)
{
    private readonly List<ScheduledRun> _runs = [];

    public IReadOnlyList<ScheduledRun> Runs => _runs;

    public void Add(ScheduledRun run) => _runs.Add(run);

    /// <summary>The earliest start at or after <paramref name="earliest"/> and its nodes; null with <paramref name="why"/> when none is predicted.</summary>
    public (DateTimeOffset Start, IReadOnlyList<string> Nodes)? Fit(Job job, DateTimeOffset earliest, AdmissionThresholds limits, out string why)
    {
        var events = Events();
        var ledger = new NodeLedger(nodes, mode);
        var own = new Sweep(job.Id);
        foreach (var r in _runs.Where(r => r.Running && r.JobId == job.Id))
        {
            own.Count(r, +1);
        }

        var candidates = events.Where(e => !e.IsStart && e.Time > earliest).Select(e => e.Time).Prepend(earliest).Distinct();
        var next = 0;
        why = "no candidate start time";
        foreach (var t in candidates)
        {
            for (; next < events.Count && events[next].Time <= t; next++)
            {
                Apply(events[next], ledger, own);
            }

            if (TryAt(job, t, ledger, own, events, next, limits, out why) is { } placed)
            {
                return (t, placed);
            }
        }

        return null;
    }

    private static IReadOnlyList<string>? TryAt(Job job, DateTimeOffset t, NodeLedger ledger, Sweep own, List<Event> events, int next, AdmissionThresholds limits, out string why)
    {
        var request = job.Spec.Resources;
        if (job.Spec.Array?.MaxConcurrent is { } limit && own.Active >= limit)
        {
            why = string.Create(CultureInfo.InvariantCulture, $"array limit %{limit} reached");
            return null;
        }

        var (placed, reason) = TaskPlacer.Place(request, ledger, own.PerNode);
        if (placed is null)
        {
            why = reason!;
            return null;
        }

        var ahead = ledger.Copy();
        ahead.AllocateChunks(placed, request);

        if (OverThreshold(ahead, limits, job.Spec.Queue) is { } over)
        {
            why = over;
            return null;
        }

        // Holding the nodes for the walltime (for ever without one) must not delay a task planned to start later.
        var aheadOwn = own.Copy();
        aheadOwn.Active++;
        var end = request.Walltime is { } w ? t + w : (DateTimeOffset?)null;
        for (var i = next; i < events.Count && (end is null || events[i].Time < end); i++)
        {
            Apply(events[i], ahead, aheadOwn);
            if (!events[i].IsStart)
            {
                continue;
            }

            var later = events[i].Run;
            if (placed.Any(n => ahead[n].AllocatedCpus > ahead[n].Cpus || ahead[n].AllocatedMemoryBytes > ahead[n].MemoryBytes
                    || ahead[n].AllocatedGpus > ahead[n].Gpus || (ahead[n].ExclusiveChunks > 0 && ahead[n].AllocatedCpus > request.CpusOn(placed, n)))
                || OverThreshold(ahead, limits, job.Spec.Queue) is not null
                || (job.Spec.Array?.MaxConcurrent is { } max && aheadOwn.Active > max))
            {
                why = string.Create(CultureInfo.InvariantCulture, $"would overlap job {later.JobId}, predicted to start at {later.Start:HH:mm:ss}");
                return null;
            }
        }

        why = "";
        return placed;
    }

    private static string? OverThreshold(NodeLedger ledger, AdmissionThresholds limits, string queue)
    {
        var cpu = ledger.ClusterCpu();
        var memory = ledger.ClusterMemory();
        return cpu > limits.Cpu + 1e-9 ? AdmissionPolicy.Over("CPU", cpu, limits.Cpu, queue)
            : memory > limits.Memory + 1e-9 ? AdmissionPolicy.Over("memory", memory, limits.Memory, queue)
            : null;
    }

    private static void Apply(Event e, NodeLedger ledger, Sweep own)
    {
        var nodes = e.Run.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            var r = e.Run.Request.ChunkAt(i);
            if (!ledger.Contains(n))
            {
                continue;
            }

            if (e.IsStart)
            {
                ledger.Allocate(n, r);
            }
            else if (e.Run.Running)
            {
                ledger.ReleaseEnded(n, r);
            }
            else
            {
                ledger.Release(n, r);
            }
        }

        if (e.Run.JobId == own.JobId)
        {
            own.Count(e.Run, e.IsStart ? +1 : -1);
        }
    }

    /// <summary>Every end and planned start, in time order; at one instant ends come first, as they free what starts take.</summary>
    private List<Event> Events()
    {
        var events = new List<Event>(_runs.Count * 2);
        foreach (var r in _runs)
        {
            if (!r.Running)
            {
                events.Add(new Event(r.Start, true, r));
            }

            if (r.End is { } end)
            {
                events.Add(new Event(end, false, r));
            }
        }

        events.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.IsStart.CompareTo(b.IsStart));
        return events;
    }

    private readonly record struct Event(DateTimeOffset Time, bool IsStart, ScheduledRun Run);

    /// <summary>The estimated job's own tasks at the sweep's time: how many hold nodes, and on which (arrays spread).</summary>
    private sealed class Sweep(long jobId)
    {
        public long JobId => jobId;

        public int Active { get; set; }

        public Dictionary<string, int> PerNode { get; private init; } = new(StringComparer.Ordinal);

        public void Count(ScheduledRun run, int delta)
        {
            Active += delta;
            foreach (var n in run.Nodes)
            {
                PerNode[n] = PerNode.GetValueOrDefault(n) + delta;
            }
        }

        public Sweep Copy() => new(jobId) { Active = Active, PerNode = new Dictionary<string, int>(PerNode, StringComparer.Ordinal) };
    }
}
