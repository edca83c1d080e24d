using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>What the rebalancing step knows of a task from the starts it observed: the planner's view besides the loads.</summary>
/// <param name="Job">The job, for its checkpoint policy, migratability and walltime.</param>
/// <param name="TaskIndex">Array index, or 0.</param>
/// <param name="Node">Node of its latest start.</param>
/// <param name="HomeNode">Node of its first start in this world: running elsewhere costs remote I/O.</param>
/// <param name="FirstStarted">When rank 0 routed its first start.</param>
/// <param name="LastMovedAt">When it last restarted on another node, if ever.</param>
/// <param name="CheckpointBytes">Size of its last committed checkpoint (from a restore), or 0.</param>
public sealed record RoutedTask(Job Job, int TaskIndex, string Node, string HomeNode, DateTimeOffset FirstStarted, DateTimeOffset? LastMovedAt, long CheckpointBytes)
{
    /// <summary>When rank 0 routed its latest start (a restart after a checkpoint or a move).</summary>
    public DateTimeOffset LastStarted { get; init; } = FirstStarted;

    /// <summary>The planner may move it: it checkpoints and is not run-home.</summary>
    public bool Migratable => Job.Spec.Checkpoint.Enabled && Job.Spec.Resources.Movable;
}
