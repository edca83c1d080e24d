using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Load;
using OpenMosixBatch.Core.World;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.World;

/// <summary>
/// One rank's work: runs the tasks placed on its node, reports their events, and contributes its load to every tick.
/// On rank 0 it is also the gateway: it routes the server's orders to the rank of each order's node and forwards
/// every rank's events and the tick's loads to the server.
/// </summary>
public sealed partial class NodeAgent(IRankTransport transport, TaskRunner runner, NodeLoadSampler sampler, ServerLink? link, TimeSpan killGrace, TimeSpan migrateGrace, TimeProvider time, ILogger logger) : IDisposable
{
    private const string StoppedReason = "its node was stopped";

    private readonly TaskCompletionSource _firstTick = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyList<NodeLoad> _loads = [];
    private IReadOnlyList<NodeLoad>? _attachLoads;
    private volatile bool _stopOrdered;

    /// <summary>The loads of the latest tick, every rank's, indexed by rank (empty before the first tick).</summary>
    public IReadOnlyList<NodeLoad> Loads => _loads;

    /// <summary>
    /// Rank 0: called with every order the server sends (Start, Kill, Checkpoint, Migrate, Tune, Stop) before it is
    /// routed, on the order-routing thread; the migration planner watches Tune orders and task placements through it.
    /// </summary>
    public Action<WorldOrder>? OrderObserved { get; set; }

    /// <summary>Rank 0: called with every tick's loads, on the tick thread, after the loads went to the server (the rebalancing step).</summary>
    public Action<IReadOnlyList<NodeLoad>>? TickObserved { get; set; }

    /// <summary>Runs until the world agrees to stop (a Stop order, or <see cref="RequestStop"/> on any rank).</summary>
    public async Task RunAsync()
    {
        using var linkStop = new CancellationTokenSource();
        var reports = Task.Run(ForwardReportsAsync);
        var inbox = Task.Run(ReadInboxAsync);
        var blobs = Task.Run(ReceiveBlobsAsync);
        var liveness = Task.Run(() => WatchSilenceAsync(linkStop.Token));
        Task? gateway = null;
        Task? orders = null;
        if (link is not null)
        {
            gateway = Task.Run(async () =>
            {
                await _firstTick.Task.ConfigureAwait(false);
                await link.RunAsync(Describe, linkStop.Token).ConfigureAwait(false);
            });
            orders = Task.Run(() => RouteOrdersAsync(linkStop.Token));
        }

        await foreach (var tick in transport.ReadTicksAsync().ConfigureAwait(false))
        {
            if (tick.IsFinal)
            {
                // Only the server's stop ends the tasks; a world that stops for another reason leaves them to be adopted.
                // A part (omb rsh) never outlives its rank: nothing would relay its output or end it with its task.
                runner.EndAllParts(StoppedReason);
                if (tick.Reports.Any(r => r.EndingTasks))
                {
                    LogStopping(transport.Rank, runner.RunningCount);
                    await runner.KillAllAsync(StoppedReason, killGrace + TimeSpan.FromSeconds(1), serverStopping: true).ConfigureAwait(false);
                }
                else
                {
                    LogLeaving(transport.Rank, runner.RunningCount);
                }

                break;
            }

            if (_stopOrdered && transport.Rank < tick.Reports.Count && tick.Reports[transport.Rank].EndingTasks)
            {
                // Every rank has seen that the server ordered the stop: the final tick may come.
                transport.RequestStop();
            }

            var mine = sampler.Sample();
            if (_stopOrdered)
            {
                mine = mine with { EndingTasks = true };
            }

            transport.UpdateReport(mine);
            // A node with room may get a start order at any moment, and one running a movable task a move order: its
            // pump keeps polling at the idle interval. Tasks are counted as one CPU each (the order's CPUs are the
            // server's business), which errs towards polling.
            transport.MessageExpected = mine.Tasks.Count < mine.Cpus || runner.RunsMovableTask;
            _loads = tick.Reports;

            if (tick.Reports.All(r => r.Rank >= 0))
            {
                runner.EndOrphanedParts(tick.Reports.SelectMany(l => l.Tasks.Select(t => new TaskKey(t.JobId, t.TaskIndex))).ToHashSet());
            }

            link?.UpdateLoads(tick.Reports);
            if (!_firstTick.Task.IsCompleted && tick.Reports.All(r => r.Rank >= 0))
            {
                // The first tick every rank contributed a real load to: it lists every task adopted from the world
                // before, so the attach built from it holds them all, and only now may their ends be reported.
                _attachLoads = tick.Reports;
                runner.WatchAdopted();
                _firstTick.TrySetResult();
            }

            if (link is not null)
            {
                TickObserved?.Invoke(tick.Reports);
            }
        }

        await linkStop.CancelAsync().ConfigureAwait(false);
        await transport.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _shipping.CancelAsync().ConfigureAwait(false);
        await DrainTransfersAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        foreach (var t in new[] { reports, inbox, blobs, liveness, gateway, orders }.OfType<Task>())
        {
            await t.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// SIGTERM or Ctrl-C (mpiexec passes it on when the world is taken down): asks every rank to stop at the next tick.
    /// The tasks run on, held by their shepherds, and the next world's rank on this node adopts them.
    /// </summary>
    public void RequestStop() => transport.RequestStop();

    private WorldAttachRequest Describe()
    {
        // The first attach describes the first full tick (see RunAsync); a later one (the server came back) the latest.
        var loads = Interlocked.Exchange(ref _attachLoads, null) ?? _loads;
        var running = loads.SelectMany(l => l.Tasks.Select(t => new RunningTaskRef(t.JobId, t.TaskIndex, l.Node, 0))).ToList();
        return new WorldAttachRequest(link!.WorldId, loads, running);
    }

    private void Obey(WorldOrder order)
    {
        switch (order.Kind)
        {
            case WorldOrderKind.Start when order.Job is not null && order.Nodes is not null:
                Move(new TaskKey(order.JobId, order.TaskIndex), new CheckpointMoveEvent.Restarted());
                StartOrRestore(order);
                break;
            case WorldOrderKind.Kill:
                ForgetTask(order.JobId, order.TaskIndex);
                runner.Kill(order.JobId, order.TaskIndex, order.Reason ?? "killed by the server");
                break;
            case WorldOrderKind.StartPart when order is { Job: { } job, Part: { } part }:
                runner.StartPart(job, order.TaskIndex, part);
                break;
            case WorldOrderKind.PartInput when order.Input is { } input:
                runner.InputPart(order.JobId, order.TaskIndex, input);
                break;
            case WorldOrderKind.Checkpoint:
                runner.RequestCheckpoint(order.JobId, order.TaskIndex, CheckpointCause.Eviction, null, grace: null);
                break;
            case WorldOrderKind.Signal when order.Signal > 0:
                if (!runner.Signal(order.JobId, order.TaskIndex, order.Signal))
                {
                    LogSignalMissed(order.Signal, order.JobId, order.TaskIndex);
                }

                break;
            case WorldOrderKind.Limits when order.Job is not null:
                if (!runner.Relimit(order.JobId, order.TaskIndex, order.Job.Spec.Resources))
                {
                    LogLimitsMissed(order.JobId, order.TaskIndex);
                }

                break;
            default:
                break;
        }
    }

    private async Task ReadInboxAsync()
    {
        await foreach (var message in transport.ReadInboxAsync().ConfigureAwait(false))
        {
            if (Blobs.Handle(message.Source, message.Tag, message.Payload, message.Release))
            {
                // The transfer releases the message once its chunk is written and hashed.
                continue;
            }

            switch (message.Tag)
            {
                case RankTags.Migrate:
                    StartMigration(message.Read<MigrationRequest>());
                    break;
                case RankTags.MoveExpected:
                    transport.StayHot(MoveHotPeriod);
                    break;
                case RankTags.Fetch when link is not null:
                    _ = FetchForAsync(message.Read<WorldOrder>(), message.Source);
                    break;
                case RankTags.Order:
                    foreach (var order in message.Read<WorldOrder[]>())
                    {
                        Obey(order);
                    }

                    break;
                case RankTags.Event when link is not null:
                    foreach (var e in message.Read<TaskEvent[]>())
                    {
                        link.Enqueue(e);
                    }

                    break;
                default:
                    LogUnexpected(message.Tag, message.Source);
                    break;
            }
        }
    }

    /// <remarks>
    /// What the runner has queued when the forwarder wakes goes to rank 0 as one message: tasks of a node that start or
    /// end together cost the pumps and rank 0 one message and one parse, not one each.
    /// </remarks>
    private async Task ForwardReportsAsync()
    {
        var reports = runner.Reports;
        var batch = new List<TaskEvent>();
        while (await reports.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reports.TryRead(out var report))
            {
                if (EventOf(report) is { } e)
                {
                    batch.Add(e);
                }
            }

            if (batch.Count > 0)
            {
                SendEvents(batch);
                batch.Clear();
            }
        }
    }

    /// <summary>The server's event for a runner's report (null for none), once the restores and moves it ends are told.</summary>
    private TaskEvent? EventOf(TaskReport report)
    {
        var node = sampler.NodeName;
        TaskEvent? e = report switch
        {
            TaskStarted s => new TaskEvent(TaskEventKind.Started, s.JobId, s.TaskIndex, node, s.Time, SessionId: s.Pid),
            TaskExiting x => new TaskEvent(TaskEventKind.Exiting, x.JobId, x.TaskIndex, node, time.GetUtcNow(), Reason: x.Reason),
            TaskLost l => new TaskEvent(TaskEventKind.Lost, l.JobId, l.TaskIndex, node, time.GetUtcNow(), Reason: l.Reason),
            TaskEnded d => new TaskEvent(TaskEventKind.Ended, d.JobId, d.TaskIndex, node, d.Time, ExitStatus: d.ExitStatus, CpuTime: d.CpuTime, PeakRssBytes: d.PeakRssBytes, Reason: d.Reason),
            TaskCheckpointDropped x => new TaskEvent(TaskEventKind.MigrationDropped, x.JobId, x.TaskIndex, node, time.GetUtcNow(), Reason: x.Reason, Cause: x.Cause, Target: x.Target),
            TaskRestoreFailed f => RestoreFailed(f),
            TaskCheckpointed c => Ship(c),
            TaskPartOutput o => new TaskEvent(TaskEventKind.PartOutput, o.JobId, o.TaskIndex, node, time.GetUtcNow())
                { PartId = o.PartId, Stdout = o.Stdout, Stderr = o.Stderr },
            TaskPartEnded p => new TaskEvent(TaskEventKind.PartEnded, p.JobId, p.TaskIndex, node, time.GetUtcNow(), ExitStatus: p.ExitStatus,
                CpuTime: p.CpuTime, PeakRssBytes: p.PeakRssBytes, Reason: p.Reason) { PartId = p.PartId },
            _ => null,
        };
        var key = new TaskKey(report.JobId, report.TaskIndex);
        if (report is TaskStarted or TaskEnded or TaskLost)
        {
            Restore(key, new TaskRestoreEvent.Reported());
        }

        if (report is TaskEnded or TaskLost)
        {
            Move(key, new CheckpointMoveEvent.TaskEnded());
        }
        else if (report is TaskCheckpointDropped { Cause: CheckpointCause.Migration })
        {
            Move(key, new CheckpointMoveEvent.Declined());
        }

        return e;
    }

    /// <summary>Sends an event to the server: through the link on rank 0, else to rank 0.</summary>
    private void SendEvent(TaskEvent e) => SendEvents([e]);

    /// <summary>Sends events to the server in their order: through the link on rank 0, else to rank 0 as one message.</summary>
    private void SendEvents(List<TaskEvent> events)
    {
        if (link is not null)
        {
            events.ForEach(link.Enqueue);
            return;
        }

        try
        {
            transport.Send(0, RankTags.Event, events.ToArray());
        }
        catch (InvalidOperationException)
        {
            // The world agreed to stop; the server requeues what was running when it hears the world ended.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "rank {Rank} stopping: ending {Tasks} task(s)")]
    private partial void LogStopping(int rank, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "rank {Rank} leaving the world: {Tasks} task(s) run on under their shepherds")]
    private partial void LogLeaving(int rank, int tasks);
    [LoggerMessage(Level = LogLevel.Information, Message = "signal {Signal} for job {JobId} task {TaskIndex} not delivered: the task does not run here (any more)")]
    private partial void LogSignalMissed(int signal, long jobId, int taskIndex);

    [LoggerMessage(Level = LogLevel.Information, Message = "new limits for job {JobId} task {TaskIndex} not applied: the task does not run here (any more)")]
    private partial void LogLimitsMissed(long jobId, int taskIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot route {Kind} of job {JobId}: node {Node} is not in this world")]
    private partial void LogUnroutable(WorldOrderKind kind, long jobId, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "unexpected message tag {Tag} from rank {Source}: every rank must run the same omb-node")]
    private partial void LogUnexpected(int tag, int source);
}
