using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.World;

/// <summary>
/// The port between a rank's work (the node agent) and the world it is a rank of: who it is, the ticks that carry every
/// rank's load, messages to and from the other ranks, and the agreed stop. MPI is one adapter (one thread per rank
/// making every MPI call); an in-process world of several ranks is another, for tests of adoption, relaunch and
/// membership changes without mpiexec.
/// </summary>
public interface IRankTransport
{
    /// <summary>This rank's number in its world (0 is the gateway).</summary>
    int Rank { get; }

    /// <summary>How many ranks the world has.</summary>
    int Size { get; }

    /// <summary>Completes when the world has stopped (after the final tick); faults if the transport failed.</summary>
    Task Completion { get; }

    /// <summary>
    /// Set while this rank may get a message at any moment (room for a start, a movable task): the transport keeps its
    /// latency low then, at some cost in polling.
    /// </summary>
    bool MessageExpected { set; }

    /// <summary>The ticks, each with every rank's latest report by rank; the last has <see cref="WorldTick.IsFinal"/> set.</summary>
    IAsyncEnumerable<WorldTick> ReadTicksAsync(CancellationToken cancellationToken = default);

    /// <summary>Messages received from any rank (this one included), in order per sender.</summary>
    IAsyncEnumerable<IRankMessage> ReadInboxAsync(CancellationToken cancellationToken = default);

    /// <summary>Queues <paramref name="value"/> for <paramref name="destination"/> under <paramref name="tag"/>.</summary>
    /// <exception cref="InvalidOperationException">The world agreed to stop: nothing more is sent.</exception>
    void Send<T>(int destination, int tag, T value);

    /// <summary>Queues raw bytes (a blob's frame) for <paramref name="destination"/> under <paramref name="tag"/>.</summary>
    /// <exception cref="InvalidOperationException">The world agreed to stop: nothing more is sent.</exception>
    void SendBytes(int destination, int tag, byte[] payload);

    /// <summary>The report this rank contributes to the next ticks.</summary>
    void UpdateReport(NodeLoad report);

    /// <summary>Asks the world to stop together at a coming tick (every rank learns it at the same tick).</summary>
    void RequestStop();

    /// <summary>Keeps the latency of delivery low for <paramref name="period"/> (a move is under way).</summary>
    void StayHot(TimeSpan period);

    /// <summary>Time since this rank last heard from each rank, by rank; empty before the world started.</summary>
    IReadOnlyList<TimeSpan> Silences();
}
