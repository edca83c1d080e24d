namespace OpenMosixBatch.Server.Status;

/// <summary>When this server process began serving (qstat -B's uptime).</summary>
public sealed record ServerStartTime(DateTimeOffset At);
