using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>Everything a node decides a task's life by; changed only by <see cref="NodeTaskMachine.Apply"/>.</summary>
/// <param name="Key">The task.</param>
/// <param name="Checkpoint">Its job's checkpoint policy (signal, exit code, period).</param>
/// <param name="Resources">Its job's resource request (walltime, memory).</param>
/// <param name="Started">When it started (an adopted task keeps its first start: its walltime counts from there).</param>
public sealed record NodeTaskState(TaskKey Key, CheckpointPolicy Checkpoint, ResourceRequest Resources, DateTimeOffset Started)
{
    public NodeTaskPhase Phase { get; init; } = NodeTaskPhase.Running;

    /// <summary>Why the node is ending it (deletion, limit, stop), once it is; reported as its end's reason.</summary>
    public string? KillReason { get; init; }

    /// <summary>The node's first kill of it was the server's stop: its end is reported as lost, for the server to run it again.</summary>
    public bool EndsLost { get; init; }

    /// <summary>The checkpoint asked for and not seen yet, or null (the task's own or periodic checkpoint).</summary>
    public CheckpointRequest? Request { get; init; }

    /// <summary>How many checkpoint requests were made (the next one's number is this + 1).</summary>
    public long Requests { get; init; }

    /// <summary>When the periodic checkpoint signal was last sent (its start until the first).</summary>
    public DateTimeOffset LastPeriodicSignal { get; init; } = Started;

    /// <summary>The state of a task that just started (or was just adopted).</summary>
    public static NodeTaskState Of(Job job, int taskIndex, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new NodeTaskState(new TaskKey(job.Id, taskIndex), job.Spec.Checkpoint, job.Spec.Resources, started);
    }
}
