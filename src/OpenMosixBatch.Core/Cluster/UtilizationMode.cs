namespace OpenMosixBatch.Core.Cluster;

/// <summary>How a node's utilisation is computed for admission (DESIGN §7).</summary>
public enum UtilizationMode
{
    /// <summary>Only what the scheduler allocated.</summary>
    Allocated,

    /// <summary>Only what was measured on the node.</summary>
    Measured,

    /// <summary>The larger of the two (default): non-batch load counts too.</summary>
    Max,
}
