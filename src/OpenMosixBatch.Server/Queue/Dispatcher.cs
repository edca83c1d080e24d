using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Checkpoints;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Runs the admission policy whenever the queue, the world or the nodes change (and once a second), records the
/// tasks it starts as running, then sends their start orders; and publishes, per waiting job, why it waits
/// (qstat -f's comment). Reasons are derived data: recomputed, never stored.
/// </summary>
/// <remarks>
/// Without an attached world nothing can start, so a job the policy would start is reported as admitted and waiting
/// for a world, naming the node it would get; later jobs in the same pass see that allocation, so the thresholds'
/// reasons are what they would be with a world.
/// </remarks>
public sealed partial class Dispatcher(JobQueue queue, NodeTable nodes, WorldGateway gateway, AdmissionSettings settings, TimeProvider time, ILogger<Dispatcher> logger,
    CheckpointStore checkpoints)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a pass whose policy took D, the next one waits until D × this has passed since it ended: a stream of
    /// submissions changes the queue every millisecond, and a pass over a long queue on each change would take a core
    /// from the writer and the API. A pass over a short queue takes well under a millisecond, so an idle cluster's
    /// dispatch latency is unchanged; a long pass is spread to at most a fifth of a core. Only the policy's own time
    /// counts: the pass also waits for its dispatch to be committed, which costs the dispatcher no CPU, and pacing by
    /// that wait held every next start back by four commits' time.
    /// </summary>
    private const int PacingFactor = 4;

    /// <summary>How long the last pass's policy took (what the pacing multiplies).</summary>
    private TimeSpan _planTime;
    private AdmissionPlan _reasons = new([], FrozenDictionary<long, string>.Empty);

    // The last pass's plan, kept while changes to the queue touch only jobs it never looked at.
    private KeptPlan? _kept;

    /// <summary>How often the reasons a pass deferred are compared with the recorded ones (tracejob's wait-reason events).</summary>
    internal static readonly TimeSpan DeferredReasonsEvery = TimeSpan.FromSeconds(5);
    private readonly WaitReasonSweep _sweep = new(DeferredReasonsEvery);

    /// <summary>Why the job is not running, or null when it runs, finished, or has no reason yet.</summary>
    public string? For(Job job)
    {
        var jobs = queue.State.Jobs;
        return Volatile.Read(ref _reasons).ReasonFor(job, jobs.GetValueOrDefault);
    }

    /// <summary>One admission pass: dispatches what may start and republishes the reasons.</summary>
    public async Task PassAsync()
    {
        var state = queue.State;
        var session = gateway.Current;
        var planStarted = time.GetTimestamp();
        var snapshot = nodes.Snapshot(state);
        AdmissionPlan plan;
        if (_kept?.ReuseFor(state, snapshot, queue.ChangedBetween, time.GetElapsedTime(_kept.FullPassAt), Tick) is { } kept)
        {
            plan = kept;
            _kept = _kept with { State = state, Nodes = snapshot };
            Metrics.ServerMeter.AdmissionPlansKept.Add(1);
        }
        else
        {
            plan = AdmissionPolicy.Plan(state.Index, state.Jobs.GetValueOrDefault, snapshot, settings, time.GetUtcNow());
            _kept = new KeptPlan(state, snapshot, plan, planStarted);
        }
        var reasons = new Dictionary<long, string>(plan.Reasons);
        if (session is null)
        {
            foreach (var start in plan.Starts.GroupBy(s => s.JobId))
            {
                if (!reasons.ContainsKey(start.Key))
                {
                    var where = string.Join(',', start.SelectMany(s => s.Nodes).Distinct());
                    reasons[start.Key] = string.Create(CultureInfo.InvariantCulture,
                        $"admitted by policy (would start on {where}); waiting for an execution world: none is connected");
                }
            }
        }

        // Published whole and never changed after: readers need no lock.
        Volatile.Write(ref _reasons, plan with { Reasons = reasons });
        _planTime = time.GetElapsedTime(planStarted);

        // tracejob's history: a reason whose kind changed since the one recorded is recorded, with or without a world;
        // the deferred reasons of a long queue on a full cluster are compared at most every DeferredReasonsEvery, and
        // only those of the jobs that changed while the plan defers on the same terms.
        var changes = _sweep.Detect(plan, state, state.Jobs.GetValueOrDefault, snapshot, time.GetUtcNow(), queue.ChangedBetween);
        Metrics.ServerMeter.WaitReasonsCompared.Add(_sweep.Compared);
        if (changes.Count > 0)
        {
            try
            {
                await queue.EnqueueAsync(new WaitReasonsCommand(changes)).ConfigureAwait(false);
            }
            catch
            {
                _sweep.Forget();
                throw;
            }
        }

        if (session is null || plan.Starts.Count == 0)
        {
            return;
        }

        var dispatched = await queue.EnqueueAsync(new DispatchCommand(session.Id, plan.Starts, gateway, nodes.GpusOf)).ConfigureAwait(false);
        foreach (var (job, placement) in dispatched)
        {
            var (restore, restarts) = await RestoreAsync(job, placement.TaskIndex).ConfigureAwait(false);
            if (restore is not null)
            {
                LogResuming(job.Id, placement.TaskIndex, restore.Generation, placement.Nodes[0]);
            }

            gateway.Send(new WorldOrder(WorldOrderKind.Start, job.Id, placement.TaskIndex, job, placement.Nodes, placement.Nodes[0], Restore: restore, RestartCount: restarts));
        }

        LogDispatched(dispatched.Count, session.Id);
    }

    /// <summary>
    /// The checkpoint a requeued task resumes from: its newest kept generation whose stored bytes still match their
    /// hash. A generation that does not is marked bad (a recorded job event) and the previous one is tried.
    /// </summary>
    internal async Task<(CheckpointRef? Restore, int RestartCount)> RestoreAsync(Job job, int index)
    {
        var task = job.Tasks.First(t => t.Index == index);
        while (task.LastCheckpoint is { } last)
        {
            if (await checkpoints.VerifyAsync(job.Id, index, last.Generation, last.Sha256, CancellationToken.None).ConfigureAwait(false))
            {
                return (TaskEventsCommand.ToRef(last), task.RestartCount);
            }

            var why = string.Create(CultureInfo.InvariantCulture, $"checkpoint generation {last.Generation} of {job.Id}[{index}] failed its SHA-256 check on the server before a restore");
            LogBadCheckpoint(why);
            var marked = await queue.EnqueueAsync(new CheckpointBadCommand(job.Id, index, last.Generation, why)).ConfigureAwait(false);
            if (marked?.Tasks.First(t => t.Index == index) is not { } next || next.LastCheckpoint == last)
            {
                break;
            }

            task = next;
        }

        return (null, task.RestartCount);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long seen = -1;
        var sinceFull = TimeSpan.Zero;
        var pace = TimeSpan.Zero;
        var passEnded = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (pace - time.GetElapsedTime(passEnded) is var rest && rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, time, stoppingToken).ConfigureAwait(false);
                }

                // Taken before reading, so a change during the pass wakes the next wait at once.
                var queueChanged = queue.Changed;
                var worldChanged = gateway.Changed;
                var version = queue.State.Version;
                if (version != seen || sinceFull >= Tick)
                {
                    seen = version;
                    sinceFull = TimeSpan.Zero;
                    var passStarted = time.GetTimestamp();
                    await PassAsync().ConfigureAwait(false);
                    passEnded = time.GetTimestamp();
                    Metrics.ServerMeter.AdmissionPass.Record(time.GetElapsedTime(passStarted, passEnded).TotalSeconds);
                    pace = _planTime * PacingFactor;
                    if (queue.State.Version != version)
                    {
                        continue;
                    }
                }

                var started = time.GetTimestamp();
                await Task.WhenAny(queueChanged, worldChanged, Task.Delay(Tick, time, stoppingToken)).ConfigureAwait(false);
                sinceFull += time.GetElapsedTime(started);
                if (worldChanged.IsCompleted)
                {
                    sinceFull = Tick;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (QueueRefusalException e)
            {
                LogDispatchRefused(e.Message);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                LogPassFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Why}; falling back to the previous generation")]
    private partial void LogBadCheckpoint(string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "resuming {JobId}[{TaskIndex}] from checkpoint generation {Generation} on {Node}")]
    private partial void LogResuming(long jobId, int taskIndex, int generation, string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "dispatched {Count} task(s) to world {World}")]
    private partial void LogDispatched(int count, string world);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record dispatches: {Reason}")]
    private partial void LogDispatchRefused(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "an admission pass failed; the previous reasons stay")]
    private partial void LogPassFailed(Exception exception);
}
