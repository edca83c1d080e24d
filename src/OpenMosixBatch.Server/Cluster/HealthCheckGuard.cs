using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Tunables;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// Follows the health check results in the world's load reports: a failing node goes offline with the check's
/// message, and comes back when the check passes — but only from an offline state the check set itself, never from
/// an administrator's pbsnodes -o or a black-hole drain.
/// </summary>
/// <remarks>
/// It is the pbsnodes -o path: admission stops placing on the node and the Tune order makes the world's planner
/// move migratable tasks away; running tasks are not killed (Slurm's drain).
/// </remarks>
public sealed partial class HealthCheckGuard(NodeAdminStates states, WorldGateway gateway, TuneBroadcaster tune, ILogger<HealthCheckGuard> logger)
{
    public const string CommentPrefix = "health check: ";

    /// <summary>Applies one report's health results (a node that did not report keeps its state).</summary>
    public void Observe(IReadOnlyList<NodeLoad> loads)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var changed = false;
        foreach (var load in loads)
        {
            if (string.IsNullOrEmpty(load.Node))
            {
                continue;
            }

            var failure = load.HealthFailure;
            (NodeOffline? Before, NodeOffline? After)? change;
            try
            {
                change = states.Update(load.Node, current => Decide(current, failure));
            }
            catch (IOException e)
            {
                LogNotStored(load.Node, e.Message);
                continue;
            }

            if (change is { } c)
            {
                changed = true;
                if (c.After is { } offline)
                {
                    LogOffline(load.Node, offline.Comment);
                }
                else
                {
                    LogOnline(load.Node);
                }
            }
        }

        if (changed)
        {
            gateway.Signal();
            tune.Send();
        }
    }

    /// <summary>The node's next state given its current one and the latest check (null: passing).</summary>
    public static NodeOffline? Decide(NodeOffline? current, string? failure) =>
        failure is not null
            ? current is null || current.Source == OfflineSource.HealthCheck ? new NodeOffline(CommentPrefix + failure, OfflineSource.HealthCheck) : current
            : current?.Source == OfflineSource.HealthCheck ? null : current;

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} is offline: {Comment}")]
    private partial void LogOffline(string node, string comment);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} passes its health check again: back online")]
    private partial void LogOnline(string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not store the health state of node {Node} ({Reason}): check disk space in OMB_HOME")]
    private partial void LogNotStored(string node, string reason);
}
