using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The live queue. One writer applies every change: it drains all commands waiting (group commit), decides each with
/// Core's pure rules on a working copy, writes the whole group in one store transaction, and only then publishes the
/// new snapshot and answers the callers. Reads take the published snapshot and never wait.
/// </summary>
public sealed partial class JobQueue : BackgroundService
{
    private const int MaxGroup = 1024;
    private readonly Channel<QueueCommand> _commands = Channel.CreateUnbounded<QueueCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IJobStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<JobQueue> _logger;
    private QueueState _state;

    // Set when a commit failed: the store may hold more than the published state (a transaction confirmed in the log
    // before a later step of the commit failed), so the next group starts from what the file holds.
    private bool _reloadFromStore;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JobQueue(IJobStore store, TimeProvider time, ILogger<JobQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time;
        _logger = logger;
        var snapshot = store.Load();
        _state = new QueueState(System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(snapshot.Jobs.Select(j => KeyValuePair.Create(j.Id, j))), snapshot.NextJobId, 1);
    }

    /// <summary>The latest committed snapshot.</summary>
    public QueueState State => Volatile.Read(ref _state);

    /// <summary>Completes when the next snapshot is published; take it before reading <see cref="State"/> to miss nothing.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    internal Task<T> EnqueueAsync<T>(QueueCommand<T> command)
    {
        if (!_commands.Writer.TryWrite(command))
        {
            throw new QueueRefusalException(new ApiError(ApiErrorKind.Unavailable, "the server is shutting down: nothing was changed; try again when it is back"));
        }

        return command.Task;
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
        }
    }

    private void RunGroup(List<QueueCommand> group)
    {
        var started = Stopwatch.GetTimestamp();
        if (_reloadFromStore && !TryReload(group))
        {
            return;
        }

        var now = _time.GetUtcNow();
        var working = new WorkingSet(State);
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

        JobStoreBatch? batch = null;
        if (working.Changed)
        {
            batch = working.ToBatch();
            try
            {
                _store.Commit(batch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogCommitFailed(e, decided.Count);
                _reloadFromStore = true;
                var failure = new QueueRefusalException(StoreFailure.Describe(e, "the change"));
                foreach (var c in decided)
                {
                    c.Complete(failure);
                }

                return;
            }

            Volatile.Write(ref _state, working.ToState());
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        foreach (var c in decided)
        {
            c.Complete(null);
        }

        LogGroupCommitted(decided.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogOutcomes(decided, batch);
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
        var before = State;
        var state = new QueueState(System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(snapshot.Jobs.Select(j => KeyValuePair.Create(j.Id, j))), snapshot.NextJobId, before.Version + 1);
        LogReloaded(state.Jobs.Count, before.Jobs.Count, state.NextJobId);
        Volatile.Write(ref _state, state);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return true;
    }

    /// <summary>After the commit, so the log never mentions a change that was not stored.</summary>
    private void LogOutcomes(List<QueueCommand> decided, JobStoreBatch? batch)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var evt in batch?.Events ?? [])
        {
            if (evt.Kind == SubmitCommand.EventKind && State.Jobs.TryGetValue(evt.JobId, out var job))
            {
                LogSubmitted(job.DisplayId, job.Owner.UserName, job.Owner.Uid, job.Spec.Queue, job.Tasks.Count);
            }
            else
            {
                LogJobEvent(evt.JobId, evt.Kind, evt.Detail);
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
        foreach (var job in working.Jobs.Where(j => !j.DependenciesMet && !j.State.IsFinished()).ToList())
        {
            if (JobStateRules.RefreshDependencies(job, working.Find, now) is { } changed)
            {
                working.Put(changed, new JobEvent(job.Id, now, changed.State.IsFinished() ? "dependency-failed" : "dependency-met", changed.Reason ?? "dependencies met"));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "committed a group of {Count} changes in {Milliseconds:F1} ms")]
    private partial void LogGroupCommitted(int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} submitted by {Owner} (uid {Uid}) to queue {Queue}, {Tasks} task(s)")]
    private partial void LogSubmitted(string jobId, string owner, uint uid, string queue, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} {Kind}: {Detail}")]
    private partial void LogJobEvent(long jobId, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "refused {Action} of {JobId} for {User}: {Reason}")]
    private partial void LogActionRefused(JobAction action, string jobId, string user, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "refused: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed while deciding; its group was dropped, nothing was committed")]
    private partial void LogDecideFailed(Exception exception, string command);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not commit {Count} changes; none was acknowledged")]
    private partial void LogCommitFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "the store is still unreadable after a failed commit; refused {Count} changes")]
    private partial void LogReloadFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "reloaded the queue from the store after a failed commit: {Jobs} jobs (was {Before}), next id {NextJobId}")]
    private partial void LogReloaded(int jobs, int before, long nextJobId);
}
