using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>A task directory an earlier rank of this node left in the spool, and what was recorded of its task.</summary>
/// <param name="Directory">The task's directory.</param>
/// <param name="RecordBase">The base path of its records among the recorded sessions.</param>
public sealed record SpoolLeftover(string Directory, string RecordBase)
{
    /// <summary>The task's process group as its rank recorded it, or 0.</summary>
    public int ProcessGroup { get; init; }

    /// <summary>The group leader's start time (clock ticks after boot), or 0.</summary>
    public ulong StartTicks { get; init; }

    /// <summary>When the task started, when recorded.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>The task runs as its user (its directory is the user's).</summary>
    public bool SwitchedUser { get; init; }

    /// <summary>The start order its rank kept, or null.</summary>
    public WorldOrder? Order { get; init; }

    /// <summary>What its shepherd recorded when the job started, or null.</summary>
    public ShepherdStart? Shepherd { get; init; }
}
