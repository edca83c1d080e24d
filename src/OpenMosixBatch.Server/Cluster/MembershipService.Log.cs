using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Membership;

namespace OpenMosixBatch.Server.Cluster;

public sealed partial class MembershipService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node}: {Before} -> {After} on {Event} ({Actions})")]
    private partial void LogChanged(string node, string before, string after, MembershipEventKind @event, MembershipAction actions);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} passes its health check: it may join")]
    private partial void LogPassed(string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} stays out of the world: its health check failed: {Failure}")]
    private partial void LogFailed(string node, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} removed now: {Count} task(s) requeued or failed")]
    private partial void LogEvicted(string node, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the membership changed (node {Node}) but this server does not launch its world: restart the world started by hand with the new nodes")]
    private partial void LogNotRelaunched(string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster file read again: {Joining} node(s) joining, {Leaving} leaving, {Changed} with a new capacity")]
    private partial void LogReloaded(int joining, int leaving, int changed);

    [LoggerMessage(Level = LogLevel.Information, Message = "reload: {Change}")]
    private partial void LogReloadChange(string change);

    [LoggerMessage(Level = LogLevel.Error, Message = "reload refused, nothing changed: {Reason}")]
    private partial void LogReloadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not store the cluster membership ({Reason}): check disk space in OMB_HOME; trying again in a second")]
    private partial void LogNotStored(string reason);
}
