namespace OpenMosixBatch.Cli.Formatting;

/// <summary>What omb top's node bars show, switched by keys as in mosmon.</summary>
public enum TopMode
{
    /// <summary>The one-minute load average against the node's CPUs (key l).</summary>
    Load,

    /// <summary>Memory in use against the node's total (key m).</summary>
    Memory,

    /// <summary>The node's relative speed against the fastest node's (key s).</summary>
    Speed,
}
