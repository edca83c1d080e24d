namespace OpenMosixBatch.Server.Options;

/// <summary>Section "Omb:Security": what the nodes of a launched world may run.</summary>
public sealed class SecurityOptions
{
    public const bool DefaultAllowRootJobs = false;

    /// <summary>
    /// Whether a root node runs tasks submitted by root (uid 0). Off by default: a task runs as its submitter, and a
    /// root task owns the node and every user's files, so it is allowed only where an administrator chose to.
    /// </summary>
    public bool AllowRootJobs { get; set; } = DefaultAllowRootJobs;
}
