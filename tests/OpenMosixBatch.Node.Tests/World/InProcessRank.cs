using System.Runtime.CompilerServices;
using System.Threading.Channels;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.World;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>One rank of an <see cref="InProcessWorld"/>: the in-process adapter of the rank's transport port.</summary>
internal sealed class InProcessRank(InProcessWorld world, int rank, int size) : IRankTransport
{
    private readonly Channel<WorldTick> _ticks = Channel.CreateUnbounded<WorldTick>();
    private readonly Channel<IRankMessage> _inbox = Channel.CreateUnbounded<IRankMessage>();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile NodeLoad _report = InProcessWorld.NoReport;
    private volatile bool _stopRequested;

    // When this rank last heard from each rank (a tick carries every rank's report, a message its sender's word); zero
    // before the first tick, as the MPI pump's silences are empty before the world started.
    private readonly long[] _heardAt = new long[size];
    private long _started;

    public int Rank => rank;

    public int Size => size;

    public Task Completion => _completion.Task;

    public bool MessageExpected
    {
        set { }
    }

    /// <summary>This rank's latest report.</summary>
    public NodeLoad Report => _report;

    /// <summary>True once this rank asked the world to stop.</summary>
    public bool StopRequested => _stopRequested;

    public async IAsyncEnumerable<WorldTick> ReadTicksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var tick in _ticks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return tick;
        }
    }

    public async IAsyncEnumerable<IRankMessage> ReadInboxAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return message;
        }
    }

    public void Send<T>(int destination, int tag, T value) => world.Route(rank, destination, tag, JsonMpiSerializer.Default.ToBytes(value));

    public void SendBytes(int destination, int tag, byte[] payload) => world.Route(rank, destination, tag, payload);

    public void UpdateReport(NodeLoad report) => _report = report;

    public void RequestStop() => _stopRequested = true;

    public void StayHot(TimeSpan period)
    {
    }

    public IReadOnlyList<TimeSpan> Silences()
    {
        if (Interlocked.Read(ref _started) == 0)
        {
            return [];
        }

        var now = TimeProvider.System.GetTimestamp();
        return [.. Enumerable.Range(0, size).Select(r => r == rank ? TimeSpan.Zero : TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _heardAt[r]), now))];
    }

    internal void Deliver(WorldTick tick)
    {
        var now = TimeProvider.System.GetTimestamp();
        for (var r = 0; r < size; r++)
        {
            Interlocked.Exchange(ref _heardAt[r], now);
        }

        Interlocked.Exchange(ref _started, now);
        _ticks.Writer.TryWrite(tick);
    }

    /// <summary>A heartbeat from <paramref name="source"/> arrived (the MPI pump's, while a tick waits for a late rank).</summary>
    internal void Heard(int source) => Interlocked.Exchange(ref _heardAt[source], TimeProvider.System.GetTimestamp());

    internal void Receive(IRankMessage message)
    {
        Heard(message.Source);
        _inbox.Writer.TryWrite(message);
    }

    internal void Complete()
    {
        _ticks.Writer.TryComplete();
        _inbox.Writer.TryComplete();
        _completion.TrySetResult();
    }
}
