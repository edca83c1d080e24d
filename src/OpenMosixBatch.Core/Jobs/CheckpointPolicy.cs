namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// Whether and how a job's tasks checkpoint themselves (<c>qsub -c</c>, <c>#PBS -c</c>; DESIGN §5, HTCondor's
/// self-checkpointing contract): on <see cref="Signal"/>, or on their own, a task writes its state to
/// <c>$OMB_CHECKPOINT_DIR</c> and exits with <see cref="ExitCode"/>; the node ships the directory to the server and
/// restarts the task with <c>OMB_RESTART_COUNT</c> + 1.
/// </summary>
/// <param name="Mode">None (the default, <c>-c n</c>), on demand only (<c>-c enabled</c>), or also every <see cref="Interval"/> (<c>-c periodic=MINUTES</c>).</param>
/// <param name="Interval">For <see cref="CheckpointMode.Periodic"/>: how often the node asks for a checkpoint.</param>
/// <param name="Signal">Signal number that asks the task to checkpoint (default SIGUSR1 = 10).</param>
/// <param name="ExitCode">Exit status that means "checkpointed, restart me" (default 85).</param>
public sealed record CheckpointPolicy(CheckpointMode Mode, TimeSpan? Interval = null, int Signal = CheckpointPolicy.DefaultSignal, int ExitCode = CheckpointPolicy.DefaultExitCode)
{
    /// <summary>SIGUSR1 on Linux.</summary>
    public const int DefaultSignal = 10;

    /// <summary>HTCondor's customary checkpoint exit code.</summary>
    public const int DefaultExitCode = 85;

    /// <summary>No checkpoints: the task never migrates once started, and reruns from the start after a node failure.</summary>
    public static CheckpointPolicy None { get; } = new(CheckpointMode.None);

    /// <summary>True when the task takes checkpoints at all (and so may migrate).</summary>
    public bool Enabled => Mode != CheckpointMode.None;
}
