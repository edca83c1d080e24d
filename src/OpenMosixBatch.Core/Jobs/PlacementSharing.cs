namespace OpenMosixBatch.Core.Jobs;

/// <summary>PBS Pro's <c>-l place=…:excl|shared</c>: whether other jobs may share the job's nodes.</summary>
public enum PlacementSharing
{
    /// <summary>Nothing asked: nodes are shared.</summary>
    Default,

    /// <summary>Nodes are shared with other jobs (<c>shared</c>).</summary>
    Shared,

    /// <summary>No other job runs on the job's nodes while it runs (<c>excl</c>, <c>exclhost</c>); its own chunks may share them.</summary>
    Exclusive,
}
