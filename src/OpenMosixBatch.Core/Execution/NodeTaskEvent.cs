using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>What can happen to a task on a node; each kind is a nested record.</summary>
public abstract record NodeTaskEvent
{
    private NodeTaskEvent()
    {
    }

    /// <summary>Someone asks it to checkpoint now (a migration, an eviction); with a grace period when it may decline.</summary>
    public sealed record CheckpointAsked(CheckpointCause Cause, string? Target, bool WithGrace) : NodeTaskEvent;

    /// <summary>The grace period of request <paramref name="Number"/> ran out.</summary>
    public sealed record GraceExpired(long Number) : NodeTaskEvent;

    /// <summary>The node's tick measured it: <paramref name="RssBytes"/> resident now, <paramref name="CpuTime"/> used so far.</summary>
    public sealed record Sampled(DateTimeOffset Now, long RssBytes, TimeSpan CpuTime = default) : NodeTaskEvent;

    /// <summary>
    /// It is to be ended (qdel, the server's kill, a fenced node, the server's stop), for <paramref name="Reason"/>;
    /// <paramref name="ServerStopping"/> when the server stops and ends its nodes' tasks to run them again: its end is
    /// then reported as lost, not as an end.
    /// </summary>
    public sealed record KillOrdered(string Reason, bool ServerStopping = false) : NodeTaskEvent;

    /// <summary>
    /// Its shepherd ended: with the recorded end, or null when it left none; <paramref name="LaunchError"/> when the
    /// launch itself failed (the job never ran).
    /// </summary>
    public sealed record Exited(TaskEnd? End, string? LaunchError) : NodeTaskEvent;

    /// <summary>qalter gave its job a new walltime or cput (<paramref name="Resources"/>), enforced from the next sample.</summary>
    public sealed record LimitsChanged(ResourceRequest Resources) : NodeTaskEvent;

    /// <summary>Its checkpoint directory was packed, or could not be (<paramref name="Failure"/>).</summary>
    public sealed record Packed(int ExitStatus, string? Failure) : NodeTaskEvent;
}
