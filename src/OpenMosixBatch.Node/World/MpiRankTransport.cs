using System.Runtime.CompilerServices;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.World;
using OpenMosixBatch.Transport.Mpi.Pump;

namespace OpenMosixBatch.Node.World;

/// <summary>The MPI adapter of the rank's transport port: the rank's one-thread <see cref="MpiPump{TReport}"/>.</summary>
public sealed class MpiRankTransport(MpiPump<NodeLoad> pump) : IRankTransport
{
    /// <inheritdoc />
    public int Rank => pump.Rank;

    /// <inheritdoc />
    public int Size => pump.Size;

    /// <inheritdoc />
    public Task Completion => pump.Completion;

    /// <inheritdoc />
    public bool MessageExpected
    {
        set => pump.MessageExpected = value;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WorldTick> ReadTicksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var tick in pump.Ticks.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new WorldTick(tick.Sequence, tick.Reports, tick.IsFinal);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IRankMessage> ReadInboxAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in pump.Inbox.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new MpiRankMessage(message);
        }
    }

    /// <inheritdoc />
    public void Send<T>(int destination, int tag, T value) => pump.Send(destination, tag, value);

    /// <inheritdoc />
    public void SendBytes(int destination, int tag, byte[] payload) => pump.SendBytes(destination, tag, payload);

    /// <inheritdoc />
    public void UpdateReport(NodeLoad report) => pump.UpdateReport(report);

    /// <inheritdoc />
    public void RequestStop() => pump.RequestStop();

    /// <inheritdoc />
    public void StayHot(TimeSpan period) => pump.StayHot(period);

    /// <inheritdoc />
    public IReadOnlyList<TimeSpan> Silences() => pump.Silences();
}
