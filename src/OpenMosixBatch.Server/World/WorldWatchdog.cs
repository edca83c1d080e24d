using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Health;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.World;

/// <summary>
/// Declares a silent world lost (a world started by hand has no supervisor to see it die), requeueing its tasks; and
/// takes out of the world a node whose rank rank 0 no longer hears (<see cref="RankLiveness"/>): marked down with the
/// reason, the world stopped by PID, and the supervisor launches the next one without it.
/// </summary>
public sealed partial class WorldWatchdog(IOptions<OmbServerOptions> options, JobQueue queue, WorldGateway gateway, NodeAdminStates admin,
    WorldSupervisor supervisor, TimeProvider time, ILogger<WorldWatchdog> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limit = options.Value.World.LostAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
                if (gateway.Current is not { } session)
                {
                    continue;
                }

                if (time.GetUtcNow() - session.LastHeard > limit)
                {
                    var lost = await queue.EnqueueAsync(new WorldLostCommand(session.Id, $"world {session.Id} was silent for {limit.TotalSeconds:0} s", gateway)).ConfigureAwait(false);
                    LogSilent(session.Id, limit.TotalSeconds, lost);
                    continue;
                }

                TakeOutUnreachable(session);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (QueueRefusalException e)
            {
                LogFailed(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Marking a node down writes OMB_HOME/nodes.json; a failed write (a full disk, no descriptors) must not
                // stop the server with it: the next tick tries again.
                LogNodeStateFailed(e.Message.ReplaceLineEndings(" "));
            }
        }
    }

    private void TakeOutUnreachable(WorldSession session)
    {
        var entries = admin.Entries;
        var unreachable = RankLiveness.Unreachable(session.Silences(time.GetUtcNow()), options.Value.World.UnreachableAfter)
            .Where(u => entries.GetValueOrDefault(u.Node)?.Source != OfflineSource.Unreachable)
            .ToList();
        if (unreachable.Count == 0)
        {
            return;
        }

        foreach (var u in unreachable)
        {
            // An administrator's offline mark is kept as a hold: the node is not to rejoin by itself when it is back.
            admin.Update(u.Node, current => new NodeOffline(u.Comment, OfflineSource.Unreachable,
                Held: current is { Source: OfflineSource.Administrator } or { Held: true }));
            LogUnreachable(u.Node, u.Comment);
        }

        gateway.Signal();
        var reason = $"node(s) {string.Join(", ", unreachable.Select(u => u.Node))} unreachable; relaunching without them";
        if (!supervisor.StopUnreachableWorld(reason))
        {
            LogNotLaunched(session.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "world {World} sent nothing for {Seconds} s: declared lost, {Lost} task(s) requeued or failed")]
    private partial void LogSilent(string world, double seconds, int lost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not declare a silent world lost: {Reason}")]
    private partial void LogFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not mark an unreachable node down ({Reason}); trying again in a second")]
    private partial void LogNodeStateFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} marked down: {Comment}")]
    private partial void LogUnreachable(string node, string comment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "world {World} was started by hand: stop it and start it again without the unreachable node(s)")]
    private partial void LogNotLaunched(string world);
}
