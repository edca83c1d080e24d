using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// The reasons of the waiting jobs an admission pass did not reach: it stopped at <see cref="From"/> because no node had
/// a CPU free and the backfill reservation was settled, so each later job waits for a reason that follows from that
/// final state alone — exactly the one the pass would have given it, computed only when someone asks (qstat -f).
/// </summary>
/// <remarks>
/// Past the stop nothing starts, so the ledger stays as it is; a request shape refused once is refused again for the
/// same reason, which is why the pass's per-shape memory is not needed here. Trying a start allocates on the ledger
/// and releases again, so readers take turns.
/// </remarks>
public sealed class DeferredReasons
{
    public const string HeldByUser = "held by user";
    private readonly NodeLedger _ledger;
    private readonly AdmissionSettings _settings;
    private readonly DateTimeOffset? _reservation;
    private readonly long? _reservedFor;
    private readonly DateTimeOffset _now;
    private readonly long? _blockedBy;
    private readonly IReadOnlySet<long> _started;

    internal DeferredReasons(PendingKey from, NodeLedger ledger, AdmissionSettings settings, DateTimeOffset? reservation, long? reservedFor, DateTimeOffset now,
        IReadOnlySet<long> started, long? blockedBy = null)
    {
        _blockedBy = blockedBy;
        _started = started;
        From = from;
        _ledger = ledger;
        _settings = settings;
        _reservation = reservation;
        _reservedFor = reservedFor;
        _now = now;
    }

    /// <summary>
    /// The first waiting job the pass did not reach, or the first after the reserved one (the pass passes over those the
    /// reservation holds back); it and every job after it that the pass gave no reason are answered here.
    /// </summary>
    public PendingKey From { get; }

    /// <summary>
    /// True when the pass made a backfill reservation: then the reasons it gives depend on the time it was made at (a
    /// job's walltime ends it before the reservation or not), and a later pass may differ even on the same queue.
    /// </summary>
    public bool Reserved => _reservation is not null;

    /// <summary>The backfill reservation the pass made, null when none.</summary>
    public DateTimeOffset? Reservation => _reservation;

    /// <summary>True when the pass found a blocked job with backfill off: every later job waits behind it.</summary>
    public bool BlockedByHead => _blockedBy is not null;

    /// <summary>The settings of the pass.</summary>
    internal AdmissionSettings Settings => _settings;

    /// <summary>Why <paramref name="job"/> waits; null when it does not wait or the pass reached it.</summary>
    public string? For(Job job, Func<long, Job?> find) => ReasonOf(job, find)?.Text;

    /// <summary>Why <paramref name="job"/> waits, with the reason's kind; null when it does not wait or the pass reached it.</summary>
    public WaitReason? ReasonOf(Job job, Func<long, Job?> find)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(find);
        if (!QueueIndex.IsPending(job) || PendingKey.Of(job, _settings.Order) < From || _started.Contains(job.Id))
        {
            return null;
        }

        if (job.UserHold)
        {
            return new WaitReason(WaitKind.Held, HeldByUser);
        }

        if (!job.DependenciesMet)
        {
            return new WaitReason(WaitKind.Dependency, Dependency(job, find));
        }

        if (ArrayLimit(job, job.Tasks.Count(t => t.State.IsActive())) is { } limited)
        {
            return limited;
        }

        if (_blockedBy is { } head)
        {
            return BehindWithoutBackfill(head);
        }

        if (_reservation is { } r && !AdmissionPolicy.EndsBy(job, _now, r))
        {
            return Backfill(_reservedFor, r);
        }

        lock (_ledger)
        {
            var starts = new List<TaskPlacement>(1);
            var task = job.Tasks.First(t => t.State == JobState.Queued);
            if (AdmissionPolicy.TryStart(job, task, _ledger, AdmissionPolicy.TasksPerNode(job), _settings, starts) is { } why)
            {
                return why;
            }

            // Cannot happen past the stop (nothing fits there); undone so the ledger stays the pass's.
            _ledger.ReleaseChunks(starts[0].Nodes, job.Spec.Resources);

            return null;
        }
    }

    internal static string Dependency(Job job, Func<long, Job?> find) =>
        JobStateRules.PendingDependency(job, find) ?? "waiting for dependencies";

    internal static WaitReason? ArrayLimit(Job job, int active) =>
        job.Spec.Array?.MaxConcurrent is { } limit && active >= limit
            ? new WaitReason(WaitKind.ArrayLimit, string.Create(CultureInfo.InvariantCulture, $"array limit %{limit} reached ({active} running)"))
            : null;

    internal static WaitReason BehindWithoutBackfill(long head) =>
        new(WaitKind.Backfill, string.Create(CultureInfo.InvariantCulture, $"waiting behind job {head}: backfill is off (Admission:Backfill none)"));

    internal static WaitReason Backfill(long? reservedFor, DateTimeOffset reservation) =>
        new(WaitKind.Backfill, string.Create(CultureInfo.InvariantCulture, $"backfill: would delay job {reservedFor} (reserved at {reservation:HH:mm:ss})"));
}
