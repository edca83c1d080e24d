using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.World;

/// <summary>Declares a silent world lost (a world started by hand has no supervisor to see it die), requeueing its tasks.</summary>
public sealed partial class WorldWatchdog(IOptions<OmbServerOptions> options, JobQueue queue, WorldGateway gateway, TimeProvider time, ILogger<WorldWatchdog> logger)
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
                if (gateway.Current is { } session && time.GetUtcNow() - session.LastHeard > limit)
                {
                    var lost = await queue.EnqueueAsync(new WorldLostCommand(session.Id, $"world {session.Id} was silent for {limit.TotalSeconds:0} s", gateway)).ConfigureAwait(false);
                    LogSilent(session.Id, limit.TotalSeconds, lost);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "world {World} sent nothing for {Seconds} s: declared lost, {Lost} task(s) requeued or failed")]
    private partial void LogSilent(string world, double seconds, int lost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not declare a silent world lost: {Reason}")]
    private partial void LogFailed(string reason);
}
