using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Health;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Tunables;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// Feeds every task end to the <see cref="BlackHoleDetector"/> and drains a convicted node: offline with the
/// detector's figures as the comment, until an administrator clears it (pbsnodes -c), through the pbsnodes -o path.
/// The window's task ends are kept in <see cref="BlackHoleHistory"/>, so a restarted server goes on counting them.
/// </summary>
public sealed partial class BlackHoleGuard(IOptions<OmbServerOptions> options, NodeAdminStates states, BlackHoleHistory history, WorldGateway gateway, TuneBroadcaster tune, TimeProvider time, ILogger<BlackHoleGuard> logger)
    : IDisposable
{
    private readonly BlackHoleDetector _detector = Restored(options.Value.BlackHole.ToSettings(), history, time.GetUtcNow(), logger);
    private readonly Lock _lock = new();

    /// <summary>Records task ends (node, failed) committed by the queue.</summary>
    public void Observe(IReadOnlyList<(string Node, bool Failed)> ends)
    {
        ArgumentNullException.ThrowIfNull(ends);
        if (ends.Count == 0 || !options.Value.BlackHole.Enabled)
        {
            return;
        }

        var verdicts = new List<BlackHoleVerdict>();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var (node, failed) in ends)
            {
                if (_detector.Record(node, failed, now) is { } verdict)
                {
                    verdicts.Add(verdict);
                    _detector.Forget(node);
                }
            }
        }

        // Written at most once a second, however many reports of ends come meanwhile (see BlackHoleHistory); outside the
        // lock, since the history takes its own lock before it asks for the window, which takes this one.
        history.Store(Window, e => LogHistoryNotStored(e.Message));

        var drained = false;
        foreach (var v in verdicts)
        {
            try
            {
                // An administrator's drain keeps its comment; a health check's gives way, as it would clear itself.
                if (states.Update(v.Node, current => current is null || current.Source == OfflineSource.HealthCheck ? new NodeOffline(v.Comment, OfflineSource.BlackHole) : current) is { After.Source: OfflineSource.BlackHole })
                {
                    drained = true;
                    LogDrained(v.Node, v.Comment);
                }
            }
            catch (IOException e)
            {
                LogNotStored(v.Node, v.Comment, e.Message);
            }
        }

        if (drained)
        {
            gateway.Signal();
            tune.Send();
        }
    }

    /// <summary>Writes the window a report left unwritten (the server stops).</summary>
    public void Dispose() => history.Flush();

    private IReadOnlyList<NodeTaskEnd> Window()
    {
        lock (_lock)
        {
            return _detector.Window(time.GetUtcNow());
        }
    }

    private static BlackHoleDetector Restored(BlackHoleSettings settings, BlackHoleHistory history, DateTimeOffset now, ILogger logger)
    {
        var detector = new BlackHoleDetector(settings);
        try
        {
            detector.Restore(history.Load(), now);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogHistoryIgnored(logger, e.Message);
        }

        return detector;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} drained: {Comment}; it stays offline until an administrator clears it (pbsnodes -c)")]
    private partial void LogDrained(string node, string comment);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not store the drain of node {Node} ({Comment}): {Reason}; check disk space in OMB_HOME")]
    private partial void LogNotStored(string node, string comment, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not store the black-hole window: {Reason}; a server restart now would forget the recent task failures (check disk space in OMB_HOME)")]
    private partial void LogHistoryNotStored(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "black-hole detection starts with an empty window: {Reason}")]
    private static partial void LogHistoryIgnored(ILogger logger, string reason);
}
