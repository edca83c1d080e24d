using System.Collections.Concurrent;
using System.Threading.Channels;
using OpenMosixBatch.Transport.Mpi.Pump;

namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>
/// Moves large byte streams (packed checkpoints) between ranks as raw chunks on one tag, with a bounded window so a
/// 256 MB checkpoint never sits in memory whole: the sender reads a chunk straight into the array MPI sends and waits
/// for an acknowledgement once its window (<see cref="BlobTransferOptions.WindowFor"/>) is unacknowledged; the receiver
/// writes each chunk to its file as it arrives, on a thread of the transfer's own, straight from the pump's receive buffer,
/// acknowledges it once written, and answers with the verdict when the sender's End (with its SHA-256) arrives. The
/// receiver does not hash: the SHA-256 travels with the blob (<see cref="ReceivedBlob.Sha256"/>) and the file's user
/// checks it before trusting the bytes (for checkpoints: at unpack, and on the server when it stores one). Sends go through a delegate (the pump's <c>SendBytes</c>); received frames come in through
/// <see cref="Handle(MpiMessage)"/>, called by whoever reads the pump's inbox, in arrival order.
/// </summary>
public sealed partial class BlobTransfer
{
    private readonly Action<int, int, byte[]> _send;
    private readonly int _tag;
    private readonly Func<BlobOffer, string> _pathFor;
    private readonly BlobTransferOptions _options;
    private readonly Action<TimeSpan> _stayHot;
    private readonly ConcurrentDictionary<long, OutgoingBlob> _outgoing = new();
    private readonly Channel<ReceivedBlob> _received = Channel.CreateUnbounded<ReceivedBlob>();

    // Full-size data frames whose chunk the receiver acknowledged, for reuse by later transfers too (at most the largest
    // window's worth is kept, BlobTransferOptions.MaxWindowChunks): on this machine kind a fresh 1 MiB frame took
    // 1-2.6 ms to fill, against 0.2 ms for a reused one, as its pages fault in from the host. An acknowledgement means the bytes have arrived, so MPI no longer
    // reads the array.
    private readonly ConcurrentQueue<byte[]> _spareFrames = new();
    private long _nextTransferId;

    /// <param name="send">Sends raw bytes to a rank with a tag (the pump's SendBytes).</param>
    /// <param name="tag">The one tag every frame of every transfer uses.</param>
    /// <param name="pathFor">Where to write an offered blob (its directory must exist).</param>
    /// <param name="options">Chunk size and window; defaults when null.</param>
    /// <param name="stayHot">Asks the pump to poll hot for a while (the pump's StayHot): called as a transfer starts and
    /// with every frame it sends or takes, so that neither end's pump backs off to its idle polls while frames of a
    /// transfer are on their way (an acknowledgement then waited up to 16 ms for the sender's next poll).</param>
    public BlobTransfer(Action<int, int, byte[]> send, int tag, Func<BlobOffer, string> pathFor, BlobTransferOptions? options = null, Action<TimeSpan>? stayHot = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(pathFor);
        _options = options ?? new BlobTransferOptions();
        _options.Validate();
        _send = send;
        _tag = tag;
        _pathFor = pathFor;
        _stayHot = stayHot ?? (static _ => { });
    }

    /// <summary>How long a pump polls hot after each frame of a transfer (see the constructor's stayHot).</summary>
    public static readonly TimeSpan HotPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>The tag this transfer's frames use.</summary>
    public int Tag => _tag;

    /// <summary>Blobs received from other ranks, verified or not, in completion order.</summary>
    public ChannelReader<ReceivedBlob> Received => _received.Reader;

    /// <summary>
    /// Sends everything <paramref name="source"/> holds to rank <paramref name="destination"/> under
    /// <paramref name="key"/>, with <paramref name="sha256"/> (lower-case hex, already known to the caller) as the hash
    /// the received file must have (the receiver's user checks it). Completes with the receiver's verdict: true when
    /// every byte is in its file.
    /// </summary>
    public async Task<bool> SendAsync(int destination, Stream source, long length, string key, string sha256, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        var hash = Convert.FromHexString(sha256);
        if (hash.Length != BlobFrame.HashLength)
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256: pass 64 hexadecimal digits", nameof(sha256));
        }

        var id = Interlocked.Increment(ref _nextTransferId);
        var blob = new OutgoingBlob(destination, _options.WindowFor(length));
        _outgoing[id] = blob;
        try
        {
            _stayHot(HotPeriod);
            _send(destination, _tag, BlobFrame.Encode(BlobFrameKind.Begin, id, length, key));
            var offset = 0L;
            while (offset < length)
            {
                var size = (int)Math.Min(_options.ChunkBytes, length - offset);
                var frame = size == _options.ChunkBytes && _spareFrames.TryDequeue(out var spare)
                    ? BlobFrame.WriteData(spare, id, offset)
                    : BlobFrame.NewData(id, offset, size);
                await ReadChunkAsync(source, frame.AsMemory(BlobFrame.HeaderLength, size), ct).ConfigureAwait(false);
                await blob.Window.WaitAsync(ct).ConfigureAwait(false);
                if (blob.Verdict.Task.IsCompleted)
                {
                    break;
                }

                blob.InFlight.Enqueue(frame);
                _send(destination, _tag, frame);
                _stayHot(HotPeriod);
                offset += size;
            }

            _send(destination, _tag, BlobFrame.Encode(BlobFrameKind.End, id, length, hash));
            return await blob.Verdict.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or EndOfStreamException)
        {
            TrySend(destination, BlobFrame.Encode(BlobFrameKind.Abort, id, 0, $"sender gave up: {e.Message}"));
            throw;
        }
        finally
        {
            // The window is not disposed: a late Ack or Done handled on the pump thread may still hold this transfer
            // and release it, and a SemaphoreSlim whose wait handle was never asked for owns nothing to free.
            _outgoing.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Takes one message from the pump's inbox when it is this transfer's (true; the transfer then releases it once done
    /// with its bytes, which for a chunk is after it is written); false leaves it to the caller. Call it from
    /// one thread, in the order the pump delivered the messages.
    /// </summary>
    public bool Handle(MpiMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Handle(message.Source, message.Tag, message.Payload, message.Release);
    }

    /// <summary>
    /// Takes one received payload; false when it is not this transfer's tag (the caller handles it). The payload's bytes
    /// must stay as they are until <paramref name="release"/> runs (after the handling of a chunk, which goes on on other
    /// threads, is over). Call it from one thread, in the order the pump delivered the messages.
    /// </summary>
    public bool Handle(int source, int tag, ReadOnlyMemory<byte> payload, Action? release = null)
    {
        if (tag != _tag)
        {
            return false;
        }

        release ??= static () => { };
        if (!BlobFrame.TryDecode(payload, out var frame))
        {
            release();
            throw new InvalidDataException($"rank {source} sent a malformed blob frame of {payload.Length} bytes on tag {tag}: every rank must run the same build");
        }

        switch (frame.Kind)
        {
            case BlobFrameKind.Begin or BlobFrameKind.Data or BlobFrameKind.End or BlobFrameKind.Abort:
                Receive(source, frame, release);
                return true;
            case BlobFrameKind.Ack when _outgoing.TryGetValue(frame.TransferId, out var acked) && acked.Destination == source:
                if (acked.InFlight.TryDequeue(out var sent) && sent.Length == BlobFrame.HeaderLength + _options.ChunkBytes && _spareFrames.Count < _options.MaxWindowChunks)
                {
                    _spareFrames.Enqueue(sent);
                }

                acked.Window.Release();
                break;
            case BlobFrameKind.Done when _outgoing.TryGetValue(frame.TransferId, out var done) && done.Destination == source:
                done.Verdict.TrySetResult(frame.Value == 1);
                done.Window.Release();
                break;
            case BlobFrameKind.Refuse when _outgoing.TryGetValue(frame.TransferId, out var refused) && refused.Destination == source:
                refused.Verdict.TrySetException(new IOException($"rank {source} abandoned the transfer: {frame.BodyText}"));
                refused.Window.Release();
                break;
            default:
                // An acknowledgement of a transfer the sender already gave up on.
                break;
        }

        release();
        return true;
    }

    /// <summary>
    /// Fills <paramref name="chunk"/> from <paramref name="source"/>. A file opened for synchronous I/O (as checkpoints
    /// are) is read here: its ReadAsync would queue the same pread to the thread pool and resume after it, one more
    /// hand-over per chunk on a host where each may wait for a CPU (a 1 MiB pread from the page cache takes 0.1-0.3 ms).
    /// </summary>
    private static ValueTask ReadChunkAsync(Stream source, Memory<byte> chunk, CancellationToken ct)
    {
        if (source is FileStream { IsAsync: false })
        {
            ct.ThrowIfCancellationRequested();
            source.ReadExactly(chunk.Span);
            return ValueTask.CompletedTask;
        }

        return source.ReadExactlyAsync(chunk, ct);
    }

    private void TrySend(int destination, byte[] frame)
    {
        try
        {
            _send(destination, _tag, frame);
        }
        catch (InvalidOperationException)
        {
            // The world is stopping; the receiver's partial file goes with its spool.
        }
    }

    private sealed class OutgoingBlob(int destination, int window)
    {
        public int Destination { get; } = destination;

        public SemaphoreSlim Window { get; } = new(window, int.MaxValue);

        public TaskCompletionSource<bool> Verdict { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Frames sent and not yet acknowledged, oldest first (acknowledgements come in order).</summary>
        public ConcurrentQueue<byte[]> InFlight { get; } = new();
    }
}
