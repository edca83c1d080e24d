using System.Collections.Concurrent;
using System.Security.Cryptography;
using OpenMosixBatch.Transport.Mpi.Blobs;

namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

/// <summary>Transfers that must not leave a file behind: chunks out of order or twice, a sender that gives up, a receiver that cannot write, and two ranks whose transfer ids meet.</summary>
public sealed class BlobTransferRefusalTests : IDisposable
{
    private const int Tag = 9;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly BlobTransferOptions Small = new() { ChunkBytes = 100, WindowChunks = 4 };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-blob-");
    private readonly ConcurrentQueue<BlobFrame> _answers = new();

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Handle_ChunkOutOfOrder_RefusesAndLeavesNoFile()
    {
        var receiver = AnsweringReceiver();
        var data = RandomBytes(300);

        receiver.Handle(0, Tag, BlobFrame.Encode(BlobFrameKind.Begin, 1, data.Length, "k"));
        receiver.Handle(0, Tag, Data(1, 0, data.AsSpan(0, 100)));
        receiver.Handle(0, Tag, Data(1, 200, data.AsSpan(200, 100)));
        var blob = await receiver.Received.ReadAsync().AsTask().WaitAsync(Deadline);
        receiver.Handle(0, Tag, BlobFrame.Encode(BlobFrameKind.End, 1, data.Length, SHA256.HashData(data)));

        AssertRefusedWithoutFile(receiver, blob, "chunk at offset 200 of 100 bytes does not follow byte 100 of 300");
    }

    [Fact]
    public async Task Handle_ChunkTwice_RefusesAndLeavesNoFile()
    {
        var receiver = AnsweringReceiver();
        var data = RandomBytes(300);

        receiver.Handle(0, Tag, BlobFrame.Encode(BlobFrameKind.Begin, 1, data.Length, "k"));
        receiver.Handle(0, Tag, Data(1, 0, data.AsSpan(0, 100)));
        receiver.Handle(0, Tag, Data(1, 0, data.AsSpan(0, 100)));
        var blob = await receiver.Received.ReadAsync().AsTask().WaitAsync(Deadline);

        AssertRefusedWithoutFile(receiver, blob, "chunk at offset 0 of 100 bytes does not follow byte 100 of 300");
    }

    [Fact]
    public async Task Handle_ChunkBeyondTheOfferedLength_RefusesAndLeavesNoFile()
    {
        var receiver = AnsweringReceiver();
        var data = RandomBytes(300);

        receiver.Handle(0, Tag, BlobFrame.Encode(BlobFrameKind.Begin, 1, 150, "k"));
        receiver.Handle(0, Tag, Data(1, 0, data.AsSpan(0, 100)));
        receiver.Handle(0, Tag, Data(1, 100, data.AsSpan(100, 100)));
        var blob = await receiver.Received.ReadAsync().AsTask().WaitAsync(Deadline);

        AssertRefusedWithoutFile(receiver, blob, "chunk at offset 100 of 100 bytes runs past the offered 150 bytes");
    }

    [Fact]
    public async Task Handle_OfferLargerThanTheDiskCanReserve_RefusesAndLeavesNoFile()
    {
        var receiver = AnsweringReceiver();
        var data = RandomBytes(100);

        // The file is created at Begin; its reservation fails on the writer's thread, with chunks already queued.
        receiver.Handle(0, Tag, BlobFrame.Encode(BlobFrameKind.Begin, 1, 1L << 60, "k"));
        receiver.Handle(0, Tag, Data(1, 0, data));
        var blob = await receiver.Received.ReadAsync().AsTask().WaitAsync(Deadline);
        receiver.Handle(0, Tag, BlobFrame.Encode(BlobFrameKind.End, 1, 1L << 60, SHA256.HashData(data)));

        Assert.False(blob.Complete);
        Assert.False(File.Exists(blob.Path));
        Assert.Empty(_dir.GetFiles());
        Assert.Equal(0, receiver.IncomingCount);
        var refusal = Assert.Single(_answers, f => f.Kind == BlobFrameKind.Refuse);
        Assert.StartsWith("receiver could not store the blob: no room for 1152921504606846976 bytes", refusal.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(_answers, f => f.Kind == BlobFrameKind.Done);
    }

    [Fact]
    public async Task SendAsync_CancelledBetweenChunks_ReceiverDeletesWhatArrived()
    {
        BlobTransfer receiver = null!;
        var sender = new BlobTransfer((d, t, b) => receiver.Handle(0, t, b), Tag, _ => Path.Combine(_dir.FullName, "unused"), Small);
        receiver = new BlobTransfer((d, t, b) => sender.Handle(1, t, b), Tag, o => Path.Combine(_dir.FullName, "in"), Small);
        var data = RandomBytes(1000);
        using var cancel = new CancellationTokenSource();

        var sending = sender.SendAsync(1, new GatedStream(data, 250), data.Length, "k", Sha(data), cancel.Token);
        Assert.False(sending.IsCompleted); // two chunks sent, the third waits for bytes that do not come
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var blob = await receiver.Received.ReadAsync().AsTask().WaitAsync(Deadline);
        Assert.False(blob.Complete);
        Assert.Equal("k", blob.Key);
        Assert.Empty(_dir.GetFiles());
        Assert.Equal(0, receiver.IncomingCount);
    }

    [Fact]
    public async Task SendAsync_ReceiverCannotCreateItsFile_FailsWithTheReceiversReason()
    {
        BlobTransfer receiver = null!;
        var sender = new BlobTransfer((d, t, b) => receiver.Handle(0, t, b), Tag, _ => Path.Combine(_dir.FullName, "unused"), Small);
        receiver = new BlobTransfer((d, t, b) => sender.Handle(1, t, b), Tag, o => Path.Combine(_dir.FullName, "no-such-dir", "in"), Small);
        var data = RandomBytes(1000);

        var e = await Assert.ThrowsAsync<IOException>(() => sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data)).WaitAsync(Deadline));

        Assert.Contains("rank 1 abandoned the transfer: receiver cannot write the blob", e.Message, StringComparison.Ordinal);
        Assert.True(receiver.Received.TryRead(out var blob));
        Assert.False(blob.Complete);
        Assert.Equal(0, receiver.IncomingCount);
        Assert.Empty(_dir.GetFileSystemInfos());
    }

    [Fact]
    public async Task Handle_AbortOfAnIncomingTransfer_LeavesThisRanksOutgoingTransferWithTheSameIdRunning()
    {
        // Rank 0 and rank 1 each send their first transfer (id 1) to the other; rank 0 gives up on its own.
        BlobTransfer rank0 = null!;
        BlobTransfer rank1 = null!;
        rank0 = new BlobTransfer((d, t, b) => rank1.Handle(0, t, b), Tag, o => Path.Combine(_dir.FullName, "at0"), Small);
        rank1 = new BlobTransfer((d, t, b) => rank0.Handle(1, t, b), Tag, o => Path.Combine(_dir.FullName, "at1"), Small);
        var from0 = RandomBytes(1000);
        var from1 = RandomBytes(1000);
        var stream1 = new GatedStream(from1, 150);
        using var cancel = new CancellationTokenSource();

        var sending0 = rank0.SendAsync(1, new GatedStream(from0, 150), from0.Length, "from0", Sha(from0), cancel.Token);
        var sending1 = rank1.SendAsync(0, stream1, from1.Length, "from1", Sha(from1));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending0);
        var abandoned = await rank1.Received.ReadAsync().AsTask().WaitAsync(Deadline);
        stream1.Open();

        Assert.True(await sending1.WaitAsync(Deadline), "rank 1's own transfer should arrive whole at rank 0");
        Assert.False(abandoned.Complete);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "at1")));
        Assert.True(rank0.Received.TryRead(out var arrived));
        Assert.True(arrived.Complete);
        Assert.Equal(from1, await File.ReadAllBytesAsync(arrived.Path));
    }

    /// <summary>A receiver whose answers (acknowledgements, refusals, verdicts) are kept in <see cref="_answers"/>.</summary>
    private BlobTransfer AnsweringReceiver() => new(
        (d, t, b) => _answers.Enqueue(BlobFrame.TryDecode(b, out var f) ? f : throw new InvalidDataException("receiver sent a malformed frame")),
        Tag,
        o => Path.Combine(_dir.FullName, $"in-{o.Source}-{o.TransferId}"),
        Small);

    private void AssertRefusedWithoutFile(BlobTransfer receiver, ReceivedBlob blob, string reason)
    {
        Assert.False(blob.Complete);
        Assert.False(File.Exists(blob.Path));
        Assert.Empty(_dir.GetFiles());
        Assert.Equal(0, receiver.IncomingCount);
        var refusal = Assert.Single(_answers, f => f.Kind == BlobFrameKind.Refuse);
        Assert.Equal(1, refusal.TransferId);
        Assert.Equal(reason, refusal.BodyText);
        Assert.DoesNotContain(_answers, f => f.Kind == BlobFrameKind.Done);
    }

    private static byte[] Data(long id, long offset, ReadOnlySpan<byte> bytes)
    {
        var frame = BlobFrame.NewData(id, offset, bytes.Length);
        bytes.CopyTo(frame.AsSpan(BlobFrame.HeaderLength));
        return frame;
    }

    private static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
