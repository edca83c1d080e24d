using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Ends X a qdel'd task whose node never reports its end (<see cref="UnendedDeletions"/>): every second it compares
/// the tasks in E for a deletion with the tasks the attached world's loads list.
/// </summary>
/// <remarks>
/// The grace covers a checkpoint of hundreds of MB still on its way to the server (no process, yet a Checkpointed
/// to come) on a loaded machine. Ending such a task early is harmless: it was deleted, its late upload is refused
/// and its late events are stale.
/// </remarks>
public sealed partial class UnendedDeletionSweeper(JobQueue queue, WorldGateway gateway, TimeProvider time, ILogger<UnendedDeletionSweeper> logger) : BackgroundService
{
    /// <summary>How long a task being deleted may be absent from its world's loads before it ends X.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyDictionary<TaskKey, DateTimeOffset> absent = new Dictionary<TaskKey, DateTimeOffset>();
        string? world = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
                if (gateway.Current is not { } session)
                {
                    // No world: losing it already ended its deleted tasks (TaskRunRules.Lost).
                    absent = new Dictionary<TaskKey, DateTimeOffset>();
                    world = null;
                    continue;
                }

                if (session.Id != world)
                {
                    absent = new Dictionary<TaskKey, DateTimeOffset>();
                    world = session.Id;
                }

                var running = session.Loads.Values.SelectMany(l => l.Tasks.Select(t => new TaskKey(t.JobId, t.TaskIndex))).ToHashSet();
                // A task being deleted is exiting, so only the jobs with an active task can hold one.
                var state = queue.State;
                var scan = UnendedDeletions.Scan(state.Index.Active.Select(id => state.Jobs[id]), running, absent, time.GetUtcNow(), Grace);
                absent = scan.AbsentSince;
                if (scan.Overdue.Count > 0)
                {
                    var ended = await queue.EnqueueAsync(new UnendedDeletionsCommand(session.Id, scan.Overdue, Grace, gateway)).ConfigureAwait(false);
                    LogEnded(ended, Grace.TotalSeconds);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (QueueRefusalException e)
            {
                LogFailed(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} deleted task(s) ended X: their nodes had not run them for {Seconds} s and never reported their end")]
    private partial void LogEnded(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not end deleted tasks whose end never came: {Reason}")]
    private partial void LogFailed(string reason);
}
