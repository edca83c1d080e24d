namespace OpenMosixBatch.Core.Execution;

/// <summary>Where a task is in its life on a node (see <see cref="NodeTaskMachine"/>).</summary>
public enum NodeTaskPhase
{
    /// <summary>Its process runs, held by its shepherd (started by this rank or adopted from an earlier one).</summary>
    Running,

    /// <summary>The node is ending it (a deletion, a limit, the world's stop): its end is awaited.</summary>
    Killing,

    /// <summary>It exited with its checkpoint exit code: its checkpoint directory is being packed.</summary>
    Packing,

    /// <summary>Its end (or checkpoint, or loss) is reported: nothing more happens to it on this node.</summary>
    Ended,
}
