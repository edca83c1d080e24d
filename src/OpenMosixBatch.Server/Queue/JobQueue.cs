using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Metrics;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The live queue. One writer applies every change: it drains all commands waiting (group commit), decides each with
/// Core's pure rules on a working copy, writes the whole group in one store transaction, and only then publishes the
/// new snapshot and answers the callers. Reads take the published snapshot and never wait.
/// </summary>
/// <remarks>
/// The snapshot holds the jobs not finished: a job that finishes is written to the store with its end and leaves the
/// queue, so a server with a year of history starts and runs with only its live jobs in memory. <see cref="Find"/>
/// looks a finished job up in the store.
/// </remarks>
public sealed partial class JobQueue : BackgroundService
{
    private readonly QueueInbox _inbox = new();
    private readonly IJobStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<JobQueue> _logger;
    private readonly QueueOrder _order;
    private QueueState _state;

    // Set when a commit failed: the store may hold more than the published state (a transaction confirmed in the log
    // before a later step of the commit failed), so the next group starts from what the file holds.
    private bool _reloadFromStore;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly JobValuePool _pool = new();
    private readonly QueueChangeLog _changes = new(ChangeLogVersions, ChangeLogIds);

    // Jobs published with a change not yet stored, and the flush that stores them.
    private readonly UnsavedChanges _unsaved;

    /// <summary>
    /// The longest a plain task's dispatch and start kept in memory wait for their job's next write (its end, for a short
    /// job). Longer than a short job, so that neither costs a write of its own; a crash meanwhile loses them only from the
    /// store: the world reports its tasks and sends their starts again when it attaches. A waiting job's new reason has no
    /// such limit (<see cref="WaitReasonsCommand"/>).
    /// </summary>
    internal static readonly TimeSpan UnsavedStartLimit = TimeSpan.FromSeconds(10);

    /// <summary>How many versions' written ids are kept for <see cref="ChangedBetween"/> (the dispatcher reads them every pass).</summary>
    private const int ChangeLogVersions = 4096;

    /// <summary>How many written ids the change log keeps in all (a few MB at most, whatever the versions wrote).</summary>
    private const int ChangeLogIds = 262_144;

    /// <param name="admission">The admission settings, whose queue order the index of waiting jobs is kept in (FCFS when null).</param>
    public JobQueue(IJobStore store, TimeProvider time, ILogger<JobQueue> logger, AdmissionSettings? admission = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time;
        _logger = logger;
        _order = admission?.Order ?? QueueOrder.Fcfs;
        _unsaved = new UnsavedChanges(time, _inbox.TryPost);
        var snapshot = store.Load();
        _state = QueueState.Of(Shared(snapshot.Jobs), snapshot.NextJobId, 1, _order) with { RecentlyFinished = [.. store.LatestFinished(QueueState.RecentCount)] };
    }

    /// <summary>The latest committed snapshot.</summary>
    public QueueState State => Volatile.Read(ref _state);

    /// <summary>Completes when the next snapshot is published; take it before reading <see cref="State"/> to miss nothing.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>
    /// Raised on the writer after each committed change is published, with the snapshot before it and the jobs it wrote
    /// (finished ones included, which the new snapshot no longer holds). Handlers must be quick and must not throw.
    /// </summary>
    public event Action<QueueState, IReadOnlyCollection<Job>>? Committed;

    /// <summary>
    /// The ids of every job the versions after <paramref name="from"/> up to <paramref name="to"/> wrote (new, changed or
    /// finished), or null when that is not known (a reload from the store, or versions too old).
    /// </summary>
    public IReadOnlyCollection<long>? ChangedBetween(long from, long to) => _changes.Between(from, to);

    /// <summary>Requests handed to the writer and not yet taken into a group.</summary>
    internal int Waiting => _inbox.Waiting;

    internal Task<T> EnqueueAsync<T>(QueueCommand<T> command)
    {
        if (!_inbox.TryPost(command))
        {
            throw QueueInbox.ShuttingDown();
        }

        return command.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<QueueCommand>(QueueInbox.MaxGroup);
        try
        {
            while (await _inbox.NextGroupAsync(group, stoppingToken).ConfigureAwait(false))
            {
                RunGroup(group);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _inbox.Close();

            // A clean stop stores what was kept in memory.
            RunGroup([new FlushCommand(all: true)]);
        }
    }

    private void RunGroup(List<QueueCommand> group) => RunGroup(group, mayEndOversized: true);

    /// <param name="mayEndOversized">False on the retry after ending an oversized stored job, so that it is tried once.</param>
    private void RunGroup(List<QueueCommand> group, bool mayEndOversized)
    {
        var started = Stopwatch.GetTimestamp();
        if (_reloadFromStore && !TryReload(group))
        {
            return;
        }

        var now = _time.GetUtcNow();
        var working = new WorkingSet(State, _pool, _store.Find, _unsaved.EventsOf);
        var decided = new List<QueueCommand>(group.Count);
        foreach (var command in group)
        {
            try
            {
                command.Decide(working, now);
                decided.Add(command);
            }
            catch (QueueRefusalException refusal)
            {
                ServerMeter.Refusals.Add(1, new KeyValuePair<string, object?>("reason", RefusalReasons.Label(refusal.Submission, refusal.Error.Kind)));
                LogRefused(refusal.Message);
                command.Complete(refusal);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug met by one request must neither stop the writer (every later request would hang) nor commit
                // what that request half-applied: the whole group is dropped and its callers may retry.
                LogDecideFailed(e, command.GetType().Name);
                command.Complete(new QueueRefusalException(new ApiError(ApiErrorKind.Unavailable,
                    $"the server could not apply the request ({InputText.Quote(e.Message)}): nothing was changed; report it with the server log")));
                var dropped = new QueueRefusalException(new ApiError(ApiErrorKind.Unavailable,
                    "another request in the same commit failed: nothing was changed; try again"));
                foreach (var c in decided.Concat(group.SkipWhile(c => c != command).Skip(1)))
                {
                    c.Complete(dropped);
                }

                return;
            }
        }

        if (working.DependenciesMayHaveChanged)
        {
            RefreshDependencies(working, now);
        }

        _unsaved.WriteDue(working, group);
        JobStoreBatch? batch = null;
        if (working.Changed)
        {
            batch = working.ToBatch();
            var committing = Stopwatch.GetTimestamp();
            try
            {
                _store.Commit(batch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CommitFailed(decided, e, mayEndOversized);
                return;
            }

            ServerMeter.StoreCommit.Record(Stopwatch.GetElapsedTime(committing).TotalSeconds);
            ServerMeter.StoreJobWrites.Add(batch.Upserts.Count);
            PublishGroup(working);
        }
        else if (working.Publishes)
        {
            // Only changes kept in memory: published now, stored later.
            PublishGroup(working);
        }

        _unsaved.ScheduleFlush();
        foreach (var c in decided)
        {
            c.Complete(null);
        }

        LogGroupCommitted(decided.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogOutcomes(decided, batch);
    }

    /// <summary>Publishes what a group decided (stored or kept in memory), tells the listeners, and keeps what it did not store.</summary>
    private void PublishGroup(WorkingSet working)
    {
        var before = State;
        Publish(working.ToState(), working.Published);
        QueueChangeMetrics.Record(before, working.Published);
        RaiseCommitted(before, working.Published);
        _unsaved.Track(working);
    }

    private void RaiseCommitted(QueueState before, IReadOnlyCollection<Job> upserts)
    {
        try
        {
            Committed?.Invoke(before, upserts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The change is committed and published: a listener's failure must not stop the writer.
            LogCommittedListenerFailed(e);
        }
    }

    private List<Job> Shared(IReadOnlyList<Job> jobs) => jobs.Select(j => _pool.Share(j)).ToList();

    /// <param name="written">The jobs the new version wrote; null when not known (a reload).</param>
    private void Publish(QueueState state, IReadOnlyCollection<Job>? written)
    {
        _changes.Record(state.Version, written?.Select(j => j.Id).ToArray());
        Volatile.Write(ref _state, state);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Jobs waiting on a dependency move to Q when it is met, or end when it never can be.</summary>
    private static void RefreshDependencies(WorkingSet working, DateTimeOffset now)
    {
        // From the index: a queue of 100,000 jobs is not walked on every job's end.
        foreach (var job in working.Dependent())
        {
            if (JobStateRules.RefreshDependencies(job, working.Find, now) is { } changed)
            {
                working.Put(changed, new JobEvent(job.Id, now, changed.State.IsFinished() ? "dependency-failed" : "dependency-met", changed.Reason ?? "dependencies met"));
            }
        }
    }
}
