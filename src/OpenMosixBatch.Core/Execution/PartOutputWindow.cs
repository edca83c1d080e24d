namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// Flow control of a part's output (<c>omb rsh</c>), per stream, as SSH's channel windows do it: the node relays no
/// more than <see cref="Bytes"/> beyond what the part's reader has read, and the server tells the node how far the reader
/// has read once it moved <see cref="CreditStep"/> or more since it last told it. A part whose reader is slow fills its
/// pipe and waits in its write, as it would behind ssh; nothing it prints is dropped.
/// </summary>
public static class PartOutputWindow
{
    /// <summary>How many bytes of a stream may be relayed and not yet read.</summary>
    /// <remarks>
    /// Four relay chunks: a reader that keeps up (it asks for up to 1 MiB per round trip) never finds the node waiting for
    /// credit, and a stalled one costs the server at most this much per stream.
    /// </remarks>
    public const int Bytes = 1024 * 1024;

    /// <summary>How far the reader must move before the server tells the node (at most <see cref="Bytes"/>, so a full window always frees).</summary>
    public const int CreditStep = Bytes / 4;

    /// <summary>How many bytes the node may relay now, at most <paramref name="chunk"/>: what the window leaves of what it sent and was not read.</summary>
    /// <param name="sent">Bytes of the stream relayed so far.</param>
    /// <param name="read">Bytes of the stream the reader has read, as the server last told the node.</param>
    /// <param name="chunk">The most the node relays at once.</param>
    public static int Allowance(long sent, long read, int chunk) => (int)Math.Clamp(read + Bytes - sent, 0, Math.Max(chunk, 0));

    /// <summary>Whether the reader moved far enough from <paramref name="credited"/> (what the node was last told) to tell the node <paramref name="read"/>.</summary>
    public static bool CreditDue(long credited, long read) => read - credited >= CreditStep;
}
