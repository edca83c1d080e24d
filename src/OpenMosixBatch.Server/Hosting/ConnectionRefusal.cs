namespace OpenMosixBatch.Server.Hosting;

/// <summary>Why <see cref="ConnectionCounter"/> did not admit a connection.</summary>
public enum ConnectionRefusal
{
    /// <summary>Admitted.</summary>
    None,

    /// <summary>Its user (or, on TCP, the listener) already holds the most connections allowed.</summary>
    OverUserLimit,

    /// <summary>The server already holds the most connections allowed from everyone together.</summary>
    OverTotalLimit,
}
