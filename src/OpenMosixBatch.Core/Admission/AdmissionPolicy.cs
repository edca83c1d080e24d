using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Admission;

/// <summary>DESIGN §7: decides which queued tasks start now and where, and why the others wait.</summary>
/// <remarks>
/// Order is priority, then submission time, then id. When the first job that cannot start could start later, it gets
/// a reservation (the earliest time enough running tasks end, from their start plus walltime); a lower job may then
/// start only if its own walltime ends it before that time (EASY backfill). When the reservation cannot be computed
/// (a running task without walltime), lower jobs that fit start anyway: idling the cluster behind a job whose start
/// cannot be predicted helps nobody. <see cref="AdmissionSettings.Order"/> may put shorter walltimes first (SJF), and
/// <see cref="AdmissionSettings.Backfill"/> may turn backfill off: then the first job that cannot start holds back
/// every later one.
/// </remarks>
public static class AdmissionPolicy
{
    /// <summary>A pass over a list of jobs, with a reason for every waiting job.</summary>
    public static AdmissionPlan Plan(IReadOnlyList<Job> jobs, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(settings);
        var byId = jobs.ToDictionary(j => j.Id);
        var index = QueueIndex.Of(jobs, settings.Order);
        var plan = Plan(index, byId.GetValueOrDefault, nodes, settings, now);
        if (plan.Deferred is not { } deferred)
        {
            return plan;
        }

        var reasons = new Dictionary<long, string>(plan.Reasons);
        foreach (var key in index.Pending.SkipWhile(k => k < deferred.From))
        {
            if (!reasons.ContainsKey(key.JobId) && deferred.For(byId[key.JobId], byId.GetValueOrDefault) is { } reason)
            {
                reasons[key.JobId] = reason;
            }
        }

        return new AdmissionPlan(plan.Starts, reasons, Kinds: plan.Kinds);
    }

    /// <summary>
    /// A pass that walks <paramref name="index"/>'s waiting jobs in order and stops as soon as nothing more can start
    /// and the backfill reservation is settled: the reasons of the jobs it did not reach then follow from the state it
    /// stopped in, and <see cref="AdmissionPlan.Deferred"/> gives them on demand. A long queue on a full cluster costs a
    /// pass only the jobs that fit, plus those up to the first that is blocked. Once the backfill reservation is made,
    /// a later job whose walltime would not end before it is passed over at the cost of reading its walltime: its reason
    /// (the reservation's, or a hold, a dependency or its array limit, checked first as the walk would) is deferred too.
    /// </summary>
    public static AdmissionPlan Plan(QueueIndex index, Func<long, Job?> find, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        return Plan(index, find, new NodeLedger(nodes, settings.Mode), settings, now);
    }

    /// <summary>
    /// The same pass on a ledger the caller keeps: the tasks it starts are allocated on <paramref name="ledger"/>, so a
    /// caller that applies every start and end to it between passes (the trace simulator) has its nodes up to date
    /// without a new table per pass. The plan's deferred reasons read the ledger as it is when they are asked for.
    /// </summary>
    public static AdmissionPlan Plan(QueueIndex index, Func<long, Job?> find, NodeLedger ledger, AdmissionSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(settings);
        if (index.Order != settings.Order)
        {
            throw new ArgumentException($"the queue index is kept in {index.Order} order but the settings ask for {settings.Order}", nameof(index));
        }

        if (ledger.Mode != settings.Mode)
        {
            throw new ArgumentException($"the ledger counts utilisation as {ledger.Mode} but the settings ask for {settings.Mode}", nameof(ledger));
        }

        var starts = new List<TaskPlacement>();
        var reasons = new Dictionary<long, string>();
        var kinds = new Dictionary<long, WaitKind>();
        DateTimeOffset? reservation = null;
        long? reservedFor = null;
        WaitReason? delays = null;   // the backfill reason, the same for every job it holds back once the reservation is made

        // A refusal leaves the ledger as it was, so the same shape in the same queue is refused for the same reason
        // until something starts: remembering it keeps a pass over a long queue linear and cheap.
        var refused = new Dictionary<RequestShape, WaitReason>();
        var reservations = new ReservationBook(index, find, settings);
        bool? full = null;   // no accepting node has a CPU free; recomputed after each start
        long? head = null;   // without backfill, the first job that could not start: no later job starts
        PendingKey? deferFrom = null;   // the first job after the reserved one: from there on reasons may be deferred

        foreach (var key in index.Pending)
        {
            if (head is not null)
            {
                return new AdmissionPlan(starts, reasons, new DeferredReasons(key, ledger, settings, null, null, now, Started(starts), head), kinds);
            }

            if (reservation is not null)
            {
                deferFrom ??= key;
            }

            full ??= NothingCanStart(ledger, settings);
            if (full.Value && (reservation is not null || !reservations.CanReserve))
            {
                return new AdmissionPlan(starts, reasons, new DeferredReasons(deferFrom ?? key, ledger, settings, reservation, reservedFor, now, Started(starts)), kinds);
            }

            if (reservation is { } reserved && !(key.Walltime is { } w && now + w <= reserved))
            {
                continue;   // would delay the reserved job: deferred (see the summary); the key has the job's walltime
            }

            if (find(key.JobId) is not { } job)
            {
                continue;
            }

            if (job.UserHold)
            {
                reasons[job.Id] = DeferredReasons.HeldByUser;
                kinds[job.Id] = WaitKind.Held;
                continue;
            }

            if (!job.DependenciesMet)
            {
                reasons[job.Id] = DeferredReasons.Dependency(job, find);
                kinds[job.Id] = WaitKind.Dependency;
                continue;
            }

            var started = 0;
            var active = job.Tasks.Count(t => t.State.IsActive());
            Dictionary<string, int>? perNode = null;   // built only for a job that gets as far as placement
            WaitReason? why = null;
            foreach (var task in job.Tasks.Where(t => t.State == JobState.Queued))
            {
                if (DeferredReasons.ArrayLimit(job, active) is { } limited)
                {
                    why = limited;
                    break;
                }

                if (reservation is { } r && !EndsBy(job, now, r))
                {
                    why = delays ??= DeferredReasons.Backfill(reservedFor, r);
                    break;
                }

                var shape = RequestShape.Of(job);
                if (refused.TryGetValue(shape, out var known))
                {
                    why = known;
                    break;
                }

                why = TryStart(job, task, ledger, perNode ??= TasksPerNode(job), settings, starts);
                if (why is { } refusal)
                {
                    refused[shape] = refusal;
                    break;
                }

                refused.Clear();
                full = null;
                started++;
                active++;
            }

            if (why is { } blocked && started == 0)
            {
                reasons[job.Id] = blocked.Text;
                kinds[job.Id] = blocked.Kind;
                if (settings.Backfill == BackfillMode.None && blocked.MayReserve)
                {
                    head = job.Id;
                }
                else if (reservation is null && blocked.MayReserve)
                {
                    reservation = reservations.Reserve(job, ledger);
                    reservedFor = job.Id;
                }
            }
        }

        return deferFrom is { } from
            ? new AdmissionPlan(starts, reasons, new DeferredReasons(from, ledger, settings, reservation, reservedFor, now, Started(starts)), kinds)
            : new AdmissionPlan(starts, reasons, Kinds: kinds);
    }

    /// <summary>True when <paramref name="job"/>'s walltime is known and ends it by <paramref name="reservation"/> if it starts now.</summary>
    internal static bool EndsBy(Job job, DateTimeOffset now, DateTimeOffset reservation) =>
        job.Spec.Resources.Walltime is { } w && now + w <= reservation;

    private static HashSet<long> Started(List<TaskPlacement> starts) => [.. starts.Select(s => s.JobId)];

    /// <summary>
    /// True when no request can start on <paramref name="ledger"/>: no node that accepts work has a CPU free, or one
    /// more CPU on any of them would already put the cluster over every queue's threshold. The second test is made
    /// only where the outcome cannot depend on the node a chunk lands on (allocated shares alone, no measured load);
    /// then a chunk of at least one CPU, anywhere, goes over too.
    /// </summary>
    private static bool NothingCanStart(NodeLedger ledger, AdmissionSettings settings)
    {
        if (ledger.FreeAcceptingCpus == 0)
        {
            return true;   // no accepting node has a CPU free (a node's free CPUs are never negative)
        }

        if (!ledger.CountsAllocationOnly)
        {
            return false;
        }

        var (cpu, memory) = ledger.ClusterWithOneMoreCpu();
        return settings.Queues.Values.Append(settings.Default).All(l => cpu > l.Cpu + 1e-9 || memory > l.Memory + 1e-9);
    }

    internal static Dictionary<string, int> TasksPerNode(Job job) => job.Tasks.Where(t => t.State.IsActive() && t.Node is not null)
        .SelectMany(t => t.Node!)
        .GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Starts <paramref name="task"/> on <paramref name="ledger"/> when a node has room and the thresholds allow, adding it to <paramref name="starts"/>; else why not.</summary>
    public static WaitReason? TryStart(Job job, JobTask task, NodeLedger ledger, Dictionary<string, int> perNode, AdmissionSettings settings, List<TaskPlacement> starts)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(perNode);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(starts);
        var request = job.Spec.Resources;
        var (placed, reason) = TaskPlacer.Place(request, ledger, perNode);
        if (placed is null)
        {
            return new WaitReason(WaitKind.NoRoom, reason!);
        }

        ledger.AllocateChunks(placed, request);

        var limits = settings.For(job.Spec.Queue);
        var cpu = ledger.ClusterCpu();
        var mem = ledger.ClusterMemory();
        string? over = cpu > limits.Cpu + 1e-9 ? Over("CPU", cpu, limits.Cpu, job.Spec.Queue)
            : mem > limits.Memory + 1e-9 ? Over("memory", mem, limits.Memory, job.Spec.Queue)
            : null;
        if (over is not null)
        {
            ledger.ReleaseChunks(placed, request);
            return new WaitReason(WaitKind.OverThreshold, over);
        }

        foreach (var n in placed)
        {
            perNode[n] = perNode.GetValueOrDefault(n) + 1;
        }

        starts.Add(new TaskPlacement(job.Id, task.Index, placed));
        return null;
    }

    internal static string Over(string what, double value, double threshold, string queue) =>
        string.Create(CultureInfo.InvariantCulture, $"cluster {what} would be {Math.Round(value * 100)}% > threshold {Math.Round(threshold * 100)}% (queue {queue})");
}
