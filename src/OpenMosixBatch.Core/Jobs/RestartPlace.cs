namespace OpenMosixBatch.Core.Jobs;

/// <summary>Where a task that checkpointed starts again (the server maps the world's checkpoint cause onto it).</summary>
public enum RestartPlace
{
    /// <summary>On the node it ran on (a periodic or self-initiated checkpoint).</summary>
    SameNode,

    /// <summary>On the migration's target node.</summary>
    Target,

    /// <summary>Wherever the dispatcher places it (its node is evicting it).</summary>
    Anywhere,
}
