namespace OpenMosixBatch.Core.Selection;

/// <summary>The resources qselect's <c>-l</c> compares, each in one unit: seconds, CPUs, bytes, chunks.</summary>
public enum SelectableResource
{
    /// <summary><c>walltime</c>, in seconds; a job without a walltime counts as below every value (PBS's rule for a missing resource).</summary>
    Walltime,

    /// <summary><c>ncpus</c>: the CPUs of one task (all its chunks).</summary>
    Ncpus,

    /// <summary><c>mem</c>: the memory of one task (all its chunks), in bytes.</summary>
    Mem,

    /// <summary><c>nodes</c> (or <c>select</c>): the chunks of one task.</summary>
    Nodes,
}
