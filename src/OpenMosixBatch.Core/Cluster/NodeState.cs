namespace OpenMosixBatch.Core.Cluster;

/// <summary>pbsnodes node states.</summary>
public enum NodeState
{
    /// <summary>Up and accepting work.</summary>
    Free,

    /// <summary>Up, but every CPU is allocated.</summary>
    Busy,

    /// <summary>Taken offline by an administrator (drained): keeps running tasks, takes no new ones.</summary>
    Offline,

    /// <summary>Not reachable: its rank is gone.</summary>
    Down,
}
