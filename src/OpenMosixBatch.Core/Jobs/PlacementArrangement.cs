namespace OpenMosixBatch.Core.Jobs;

/// <summary>PBS Pro's <c>-l place=</c> arrangement: how a job's chunks spread over nodes.</summary>
public enum PlacementArrangement
{
    /// <summary>Chunks go wherever they fit (the scheduler's own preference: spread, then least loaded).</summary>
    Free,

    /// <summary>Every chunk on one node.</summary>
    Pack,

    /// <summary>Each chunk on a different node.</summary>
    Scatter,

    /// <summary>Each chunk on a different vnode; a node here is one vnode, so the same as <see cref="Scatter"/>.</summary>
    VScatter,
}
