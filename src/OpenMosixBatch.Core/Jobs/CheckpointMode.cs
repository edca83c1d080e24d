namespace OpenMosixBatch.Core.Jobs;

/// <summary>The kinds of <c>qsub -c</c> a job may ask for.</summary>
public enum CheckpointMode
{
    /// <summary><c>-c n</c> (default): no checkpoints.</summary>
    None,

    /// <summary><c>-c enabled</c>: checkpoints when asked (migration, node drain, admin).</summary>
    Enabled,

    /// <summary><c>-c periodic=MINUTES</c>: also every so many minutes.</summary>
    Periodic,
}
