namespace OpenMosixBatch.Core.Admission;

/// <summary>The order in which an admission pass considers waiting jobs of equal priority.</summary>
public enum QueueOrder
{
    /// <summary>First come, first served: earlier submission first (DESIGN §7, the default).</summary>
    Fcfs,

    /// <summary>Shortest job first: the shorter requested walltime first, then earlier submission; no walltime last.</summary>
    Sjf,
}
