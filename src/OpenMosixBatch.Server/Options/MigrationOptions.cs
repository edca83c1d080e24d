namespace OpenMosixBatch.Server.Options;

/// <summary>Section "Omb:Migration": whether the world rebalances checkpointing tasks at all.</summary>
public sealed class MigrationOptions
{
    public const bool DefaultEnabled = true;

    /// <summary>False (or <c>omb server --no-migration</c>) tells the world's planner never to move a task.</summary>
    public bool Enabled { get; set; } = DefaultEnabled;
}
