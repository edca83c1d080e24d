using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
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
    private const int MaxGroup = 1024;
    private readonly Channel<QueueCommand> _commands = Channel.CreateUnbounded<QueueCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IJobStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<JobQueue> _logger;
    private readonly QueueOrder _order;
    private QueueState _state;

    // Commands written to the channel and not yet read (the single-reader channel cannot count them).
    private int _waiting;

    // Set when a commit failed: the store may hold more than the published state (a transaction confirmed in the log
    // before a later step of the commit failed), so the next group starts from what the file holds.
    private bool _reloadFromStore;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly JobValuePool _pool = new();
    private readonly QueueChangeLog _changes = new(ChangeLogVersions, ChangeLogIds);

    // Jobs published with a change not yet stored (WorkingSet.PutUnsaved), with the events of those changes: stored
    // with the job's next write, at a clean stop, and for a dispatch or start once older than UnsavedStartLimit (a
    // FlushCommand the writer queues for itself); a wait reason has no limit.
    private readonly UnsavedJobs _unsaved = new();
    private bool _flushQueued;

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

    /// <summary>The job <paramref name="id"/>: from the snapshot while it is not finished, else from the store (its history).</summary>
    public Job? Find(long id) => State.Jobs.GetValueOrDefault(id) ?? _store.Find(id);

    /// <summary>
    /// The job's history (tracejob): the stored events and those kept in memory with a change not yet stored, by time.
    /// The kept ones are read first: one stored meanwhile is then read twice and counted once, never missed.
    /// </summary>
    public IReadOnlyList<JobEvent> EventsOf(long id)
    {
        var held = _unsaved.EventsOf(id);
        var stored = _store.EventsOf(id);
        if (held.Count == 0)
        {
            return stored;
        }

        var seen = stored.ToHashSet();
        return [.. stored.Concat(held.Where(e => !seen.Contains(e))).OrderBy(e => e.Time)];
    }

    /// <summary>The stored finished jobs (qstat -x) in id order, of the owner <paramref name="ownerUid"/> only when given.</summary>
    public IEnumerable<Job> FinishedJobs(uint? ownerUid) => _store.FinishedJobs(ownerUid);

    /// <summary>Requests handed to the writer and not yet taken into a group.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    internal Task<T> EnqueueAsync<T>(QueueCommand<T> command)
    {
        if (!TryPost(command))
        {
            throw new QueueRefusalException(new ApiError(ApiErrorKind.Unavailable, "the server is shutting down: nothing was changed; try again when it is back"));
        }

        return command.Task;
    }

    /// <summary>Hands <paramref name="command"/> to the writer, counted in <see cref="Waiting"/>; false once the writer is closed.</summary>
    private bool TryPost(QueueCommand command)
    {
        Interlocked.Increment(ref _waiting);
        if (_commands.Writer.TryWrite(command))
        {
            return true;
        }

        Interlocked.Decrement(ref _waiting);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<QueueCommand>(MaxGroup);
        try
        {
            while (await _commands.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                group.Clear();
                while (group.Count < MaxGroup && _commands.Reader.TryRead(out var c))
                {
                    group.Add(c);
                }

                Interlocked.Add(ref _waiting, -group.Count);

                RunGroup(group);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _commands.Writer.TryComplete();
            while (_commands.Reader.TryRead(out var c))
            {
                c.Complete(new QueueRefusalException(new ApiError(ApiErrorKind.Unavailable, "the server is shutting down: nothing was changed; try again when it is back")));
            }

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

        var flush = group.OfType<FlushCommand>().ToList();
        _flushQueued &= flush.Count == 0;
        WriteDueUnsaved(working, flush.Any(f => f.All));
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
            var before = State;
            Publish(working.ToState(), working.Published);
            QueueChangeMetrics.Record(before, working.Published);
            RaiseCommitted(before, working.Published);
            TrackUnsaved(working);
        }
        else if (working.Publishes)
        {
            // Only changes kept in memory: published now, stored later.
            var before = State;
            Publish(working.ToState(), working.Published);
            QueueChangeMetrics.Record(before, working.Published);
            RaiseCommitted(before, working.Published);
            TrackUnsaved(working);
        }

        ScheduleFlush();
        foreach (var c in decided)
        {
            c.Complete(null);
        }

        LogGroupCommitted(decided.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogOutcomes(decided, batch);
    }

    /// <summary>
    /// Contains a commit refused for one job too large to store (the store refuses it before writing anything, so
    /// the group may be tried again): a group is committed again one request at a time, so that the others are not
    /// refused with it, and a request alone that met a stored job too large to write again ends that job first (it
    /// could never change otherwise). Any other failure refuses the whole group, as before: the store may hold part
    /// of it, and deciding it again could queue a job twice.
    /// </summary>
    private void CommitFailed(List<QueueCommand> decided, Exception e, bool mayEndOversized)
    {
        var tooLarge = e as JobTooLargeToStoreException;
        if (tooLarge is null)
        {
            // The store may hold more than the published state (a transaction confirmed in the log before a later
            // step of the commit failed).
            _reloadFromStore = true;
        }
        else if (decided.Count > 1)
        {
            LogGroupSplit(e, decided.Count);
            foreach (var c in decided)
            {
                RunGroup([c], mayEndOversized);
            }

            return;
        }

        if (tooLarge is not null && mayEndOversized && State.Jobs.TryGetValue(tooLarge.JobId, out var stored) && TryEndOversized(stored, tooLarge))
        {
            RunGroup(decided, mayEndOversized: false);
            return;
        }

        LogCommitFailed(e, decided.Count);
        var failure = new QueueRefusalException(tooLarge is null ? StoreFailure.Describe(e, "the change")
            : !State.Jobs.ContainsKey(tooLarge.JobId) ? new ApiError(ApiErrorKind.BadInput, string.Create(CultureInfo.InvariantCulture,
                $"the job would take {tooLarge.Bytes} bytes in the queue's store, more than its largest record ({tooLarge.MaxBytes} bytes): nothing was queued; keep data in files and pass their names (see {SubmissionLimits.JobKey})"))
            : new ApiError(ApiErrorKind.Unavailable, string.Create(CultureInfo.InvariantCulture,
                $"job {tooLarge.JobId} is too large to store ({tooLarge.Bytes} bytes) and could not be ended: nothing was changed; report it with the server log")));
        foreach (var c in decided)
        {
            c.Complete(failure);
        }
    }

    /// <summary>Ends a stored job the store can no longer write, trimmed so that it fits; false when even that fails.</summary>
    private bool TryEndOversized(Job job, JobTooLargeToStoreException tooLarge)
    {
        var ended = OversizedJob.End(job, tooLarge.Bytes, tooLarge.MaxBytes, _time.GetUtcNow());
        var working = new WorkingSet(State, _pool, _store.Find, _unsaved.EventsOf);
        working.Put(ended.Job!, ended.Event);
        try
        {
            _store.Commit(working.ToBatch());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogEndOversizedFailed(e, job.Id);
            return false;
        }

        var before = State;
        Publish(working.ToState(), working.Upserts);
        RaiseCommitted(before, working.Upserts);
        LogEndedOversized(job.Id, tooLarge.Bytes, tooLarge.MaxBytes);
        return true;
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

    /// <summary>Adds to the group the jobs kept with a dispatch or start that waited <see cref="UnsavedStartLimit"/> (every kept job with <paramref name="all"/>).</summary>
    private void WriteDueUnsaved(WorkingSet working, bool all)
    {
        if (_unsaved.Count == 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var id in _unsaved.Due(since => _time.GetElapsedTime(since, now), UnsavedStartLimit, all))
        {
            var job = working.Find(id);
            if (job is null)
            {
                _unsaved.Forget(id);
            }
            else if (!job.State.IsFinished())
            {
                working.Put(job, null);
            }
        }
    }

    /// <summary>After a publish: what the group stored is no longer kept, what it kept in memory is.</summary>
    private void TrackUnsaved(WorkingSet working)
    {
        _unsaved.Track(working, _time.GetTimestamp());
    }

    /// <summary>Queues a flush for when the oldest job kept in memory is due, unless one is queued.</summary>
    private void ScheduleFlush()
    {
        var now = _time.GetTimestamp();
        if (!_flushQueued && _unsaved.UntilDue(since => _time.GetElapsedTime(since, now), UnsavedStartLimit) is { } wait)
        {
            _flushQueued = true;
            _ = FlushLaterAsync(wait);
        }
    }

    private async Task FlushLaterAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time).ConfigureAwait(false);
        }

        TryPost(new FlushCommand(all: false));
    }

    private List<Job> Shared(IReadOnlyList<Job> jobs) => jobs.Select(j => _pool.Share(j)).ToList();

    /// <param name="written">The jobs the new version wrote; null when not known (a reload).</param>
    private void Publish(QueueState state, IReadOnlyCollection<Job>? written)
    {
        _changes.Record(state.Version, written?.Select(j => j.Id).ToArray());
        Volatile.Write(ref _state, state);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Replaces the published state with the store's after a failed commit; false (and the group refused, nothing
    /// decided) while the store still cannot be read.
    /// </summary>
    private bool TryReload(List<QueueCommand> group)
    {
        JobStoreSnapshot snapshot;
        try
        {
            snapshot = _store.Load();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReloadFailed(e, group.Count);
            var failure = new QueueRefusalException(StoreFailure.Describe(e, "the change"));
            foreach (var c in group)
            {
                c.Complete(failure);
            }

            return false;
        }

        _reloadFromStore = false;
        _unsaved.Clear();
        var before = State;
        var state = QueueState.Of(Shared(snapshot.Jobs), snapshot.NextJobId, before.Version + 1, _order) with { RecentlyFinished = before.RecentlyFinished };
        LogReloaded(state.Jobs.Count, before.Jobs.Count, state.NextJobId);
        Publish(state, null);
        return true;
    }

    /// <summary>After the commit, so the log never mentions a change that was not stored.</summary>
    private void LogOutcomes(List<QueueCommand> decided, JobStoreBatch? batch)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        List<Job>? submitted = null;
        foreach (var evt in batch?.Events ?? [])
        {
            if (evt.Kind == SubmitCommand.EventKind && State.Jobs.TryGetValue(evt.JobId, out var job))
            {
                (submitted ??= []).Add(job);
            }
            else
            {
                LogJobEvent(evt.JobId, evt.Kind, evt.Detail);
            }
        }

        // A group of submissions is one line per submitter and queue (SubmissionRun), not one per job.
        foreach (var run in submitted is null ? [] : SubmissionRun.Of(submitted))
        {
            if (run.Count == 1)
            {
                LogSubmitted(run.FirstId, run.Owner, run.Uid, run.Queue, run.Tasks);
            }
            else
            {
                LogSubmittedRun(run.FirstId, run.LastId, run.Count, run.Owner, run.Uid, run.Queue, run.Tasks);
            }
        }

        foreach (var action in decided.OfType<ActionCommand>())
        {
            foreach (var r in action.Refusals)
            {
                LogActionRefused(action.Action, r.Id, action.Caller.UserName, r.Error ?? "");
            }
        }
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
