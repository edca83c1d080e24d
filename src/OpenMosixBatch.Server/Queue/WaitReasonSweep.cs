using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Which waiting jobs' reasons the dispatcher compares with the recorded ones (tracejob's wait-reason events): those a
/// pass reached, on every pass; the deferred ones at most every <paramref name="every"/>, walking the whole queue only
/// when the plan's terms changed since the last walk (<see cref="DeferredKindsBasis"/>), else only the jobs written since.
/// </summary>
/// <remarks>
/// With 100,000 jobs waiting behind a full cluster and nothing changing, the walk every few seconds was the server's
/// whole idle CPU (each job's start tried again on the ledger); now such a sweep compares nothing.
/// </remarks>
/// <param name="every">The least time between two comparisons of the deferred reasons.</param>
internal sealed class WaitReasonSweep(TimeSpan every)
{
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private DeferredKindsBasis? _basis;
    private long _basisVersion;

    /// <summary>How many waiting jobs' deferred reasons the last call compared (the whole queue for a walk).</summary>
    public int Compared { get; private set; }

    /// <summary>The reasons of <paramref name="plan"/>, made at <paramref name="now"/> on <paramref name="state"/> and <paramref name="nodes"/>, whose kind changed.</summary>
    /// <param name="find">The jobs of <paramref name="state"/> by id.</param>
    /// <param name="changedBetween">The ids the queue's versions wrote (<see cref="JobQueue.ChangedBetween"/>).</param>
    public List<WaitReasonChange> Detect(AdmissionPlan plan, QueueState state, Func<long, Job?> find, IReadOnlyList<NodeSnapshot> nodes, DateTimeOffset now,
        Func<long, long, IReadOnlyCollection<long>?> changedBetween)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(changedBetween);
        if (now - _last < every)
        {
            Compared = 0;
            return WaitReasonChanges.Detect(plan, find);
        }

        _last = now;
        if (_basis is { } basis && changedBetween(_basisVersion, state.Version) is { } changed && basis.Holds(plan, nodes, now, changed))
        {
            _basisVersion = state.Version;
            Compared = changed.Count;
            return WaitReasonChanges.DetectAmong(plan, find, changed);
        }

        _basis = DeferredKindsBasis.Of(plan, nodes, state.Index.Pending, now);
        _basisVersion = state.Version;
        Compared = state.Index.Pending.Count;
        return WaitReasonChanges.Detect(plan, find, state.Index.Pending);
    }

    /// <summary>The changes of the last call could not be recorded: the next comparison walks the whole queue.</summary>
    public void Forget() => _basis = null;
}
