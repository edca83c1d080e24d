using System.Collections.Concurrent;
using System.Security.Cryptography;
using OpenMosixBatch.Transport.Mpi.Blobs;

namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

/// <summary>Two transfers wired back to back in memory (rank 0 ↔ rank 1), so chunking, windows and verdicts run without MPI.</summary>
public sealed class BlobTransferTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-blob-");
    private readonly List<(int Destination, byte Kind, int Length)> _wire = [];
    private BlobTransfer _sender = null!;
    private BlobTransfer _receiver = null!;

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(1024)]
    [InlineData(10_000)]
    public async Task SendAsync_AnyLength_ArrivesWholeWithItsHash(int length)
    {
        Wire(chunk: 1024, window: 2);
        var data = RandomBytes(length);

        var complete = await _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data));

        Assert.True(complete);
        Assert.True(_receiver.Received.TryRead(out var blob));
        Assert.True(blob.Complete);
        Assert.Equal(Sha(data), blob.Sha256);
        Assert.Equal(data, await File.ReadAllBytesAsync(blob.Path));
        Assert.Equal((length + 1023) / 1024, _wire.Count(w => w.Kind == (byte)BlobFrameKind.Data));
        Assert.True(_wire.Where(w => w.Kind == (byte)BlobFrameKind.Data).All(w => w.Length <= 1024 + BlobFrame.HeaderLength));
        Assert.Equal(0, _receiver.IncomingCount);
    }

    [Fact]
    public async Task SendAsync_WrongHash_ArrivesWithTheSendersHashForItsUserToCheck()
    {
        // The transfer does not hash: the claimed SHA-256 travels with the file, and the file's user (the checkpoint
        // unpack, the server's store) refuses bytes that do not match it.
        Wire(chunk: 100, window: 1);
        var data = RandomBytes(350);
        var claimed = Sha(RandomBytes(10));

        var complete = await _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", claimed);

        Assert.True(complete);
        Assert.True(_receiver.Received.TryRead(out var blob));
        Assert.True(blob.Complete);
        Assert.Equal(claimed, blob.Sha256);
        Assert.Equal(data, await File.ReadAllBytesAsync(blob.Path));
    }

    [Fact]
    public async Task SendAsync_OneByteFlippedInAChunkOnTheWire_ArrivesWithTheSendersHashWhichTheFileDoesNotHave()
    {
        var options = new BlobTransferOptions { ChunkBytes = 1024, WindowChunks = 2 };
        var dataFrames = 0;
        _sender = new BlobTransfer((d, t, b) =>
        {
            if (b[0] == (byte)BlobFrameKind.Data && ++dataFrames == 3)
            {
                b[BlobFrame.HeaderLength + 500] ^= 0x10;
            }

            _receiver.Handle(0, t, b);
        }, 9, _ => Path.Combine(_dir.FullName, "unused"), options);
        _receiver = new BlobTransfer((d, t, b) => _sender.Handle(1, t, b), 9, o => Path.Combine(_dir.FullName, "in"), options);
        var data = RandomBytes(10_000);

        await _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data));

        Assert.True(_receiver.Received.TryRead(out var blob));
        Assert.Equal(Sha(data), blob.Sha256);
        Assert.Equal(data.Length, blob.Length);
        Assert.NotEqual(blob.Sha256, Sha(await File.ReadAllBytesAsync(blob.Path)));
    }

    [Fact]
    public async Task SendAsync_256MiBInDefaultChunks_ArrivesWholeWithItsHash()
    {
        Wire(BlobTransferOptions.DefaultChunkBytes, BlobTransferOptions.DefaultWindowChunks);
        var source = Path.Combine(_dir.FullName, "source");
        string sha;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        await using (var file = File.Create(source))
        {
            var chunk = new byte[1024 * 1024];
            for (var i = 0; i < 256; i++)
            {
                Random.Shared.NextBytes(chunk);
                hash.AppendData(chunk);
                await file.WriteAsync(chunk);
            }

            sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        await using var input = File.OpenRead(source);
        var complete = await _sender.SendAsync(1, input, input.Length, "k", sha);

        Assert.True(complete);
        Assert.True(_receiver.Received.TryRead(out var blob));
        Assert.True(blob.Complete);
        Assert.Equal(sha, blob.Sha256);
        await using (var written = File.OpenRead(blob.Path))
        {
            Assert.Equal(sha, Convert.ToHexStringLower(await SHA256.HashDataAsync(written)));
        }

        Assert.Equal(256L * 1024 * 1024, new FileInfo(blob.Path).Length);
        Assert.Equal(256, _wire.Count(w => w.Kind == (byte)BlobFrameKind.Data));
    }

    [Fact]
    public async Task SendAsync_WindowFull_WaitsForAnAcknowledgement()
    {
        var held = new ConcurrentQueue<(int Tag, byte[] Bytes)>();
        var receiver = new BlobTransfer((d, t, b) => _sender.Handle(1, t, b), 9, o => Path.Combine(_dir.FullName, "in"));
        _sender = new BlobTransfer((d, t, b) => held.Enqueue((t, b)), 9, o => Path.Combine(_dir.FullName, "unused"), new BlobTransferOptions { ChunkBytes = 10, WindowChunks = 2 });
        var data = RandomBytes(50);

        var sending = _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data));

        Assert.False(sending.IsCompleted);
        Assert.Equal(3, held.Count); // Begin and two data frames: the window is full.
        await RelayUntilSentAsync(held, receiver, sending);

        Assert.True(await sending.WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(_dir.FullName, "in")));
    }

    [Theory]
    [InlineData(40, 2)] // not above LargeBlobBytes: the window
    [InlineData(50, 4)] // above it: the large window
    public async Task SendAsync_BlobAboveTheLargeSize_HasTheLargeWindowInFlight(int length, int window)
    {
        var held = new ConcurrentQueue<(int Tag, byte[] Bytes)>();
        var options = new BlobTransferOptions { ChunkBytes = 10, WindowChunks = 2, LargeWindowChunks = 4, LargeBlobBytes = 40 };
        var receiver = new BlobTransfer((d, t, b) => _sender.Handle(1, t, b), 9, o => Path.Combine(_dir.FullName, "in"), options);
        _sender = new BlobTransfer((d, t, b) => held.Enqueue((t, b)), 9, o => Path.Combine(_dir.FullName, "unused"), options);
        var data = RandomBytes(length);

        var sending = _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data));

        Assert.False(sending.IsCompleted);
        Assert.Equal(1 + window, held.Count); // Begin and a window of data frames, none acknowledged yet
        await RelayUntilSentAsync(held, receiver, sending);

        Assert.True(await sending.WaitAsync(TimeSpan.FromSeconds(1)));
    }

    /// <summary>
    /// Hands the sender's held frames to <paramref name="receiver"/> until <paramref name="sending"/> completes or the
    /// deadline passes: the receiver acknowledges from its stages' threads, which lets the sender go on from the pool.
    /// </summary>
    private static async Task RelayUntilSentAsync(ConcurrentQueue<(int Tag, byte[] Bytes)> held, BlobTransfer receiver, Task<bool> sending)
    {
        var clock = TimeProvider.System.GetTimestamp();
        while (!sending.IsCompleted && TimeProvider.System.GetElapsedTime(clock) < Deadline)
        {
            if (held.TryDequeue(out var frame))
            {
                receiver.Handle(0, frame.Tag, frame.Bytes);
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
            }
        }
    }

    [Fact]
    public async Task SendAsync_EveryChunk_AcknowledgedOnlyOnceItIsInTheFile()
    {
        var acked = new ConcurrentQueue<(long End, bool InFile)>();
        var data = RandomBytes(64 * 1024);
        var path = Path.Combine(_dir.FullName, "in");
        var options = new BlobTransferOptions { ChunkBytes = 4096, WindowChunks = 4 };
        _sender = new BlobTransfer((d, t, b) => _receiver.Handle(0, t, b), 9, _ => Path.Combine(_dir.FullName, "unused"), options);
        _receiver = new BlobTransfer((d, t, b) =>
        {
            if (BlobFrame.TryDecode(b, out var f) && f.Kind == BlobFrameKind.Ack)
            {
                acked.Enqueue((f.Value, FileHolds(path, data, f.Value)));
            }

            _sender.Handle(1, t, b);
        }, 9, _ => path, options);

        Assert.True(await _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data)));

        Assert.Equal(16, acked.Count);
        Assert.All(acked, a => Assert.True(a.InFile, $"byte {a.End} was acknowledged before it was in the file"));
    }

    [Fact]
    public async Task Handle_EveryFrameBuffer_ReleasedExactlyOnce()
    {
        // Data frames by offset, the others by kind (negative).
        var releases = new ConcurrentDictionary<long, int>();
        var data = RandomBytes(10 * 1000);
        var options = new BlobTransferOptions { ChunkBytes = 1000, WindowChunks = 3 };
        _sender = new BlobTransfer((d, t, b) =>
        {
            var offset = BlobFrame.TryDecode(b, out var f) && f.Kind == BlobFrameKind.Data ? f.Value : -(long)f.Kind;
            _receiver.Handle(0, t, b, () => releases.AddOrUpdate(offset, 1, (_, n) => n + 1));
        }, 9, _ => Path.Combine(_dir.FullName, "unused"), options);
        _receiver = new BlobTransfer((d, t, b) => _sender.Handle(1, t, b), 9, o => Path.Combine(_dir.FullName, "in"), options);

        Assert.True(await _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data)));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 1000L), releases.Keys.Where(k => k >= 0).Order());
        Assert.Equal([-(long)BlobFrameKind.End, -(long)BlobFrameKind.Begin], releases.Keys.Where(k => k < 0).Order());
        Assert.All(releases, r => Assert.Equal(1, r.Value));
    }

    [Fact]
    public void Handle_OtherTag_IsNotTaken()
    {
        Wire(chunk: 10, window: 1);

        Assert.False(_receiver.Handle(0, 8, new byte[20]));
    }

    [Fact]
    public async Task SendAsync_KeepsBothPumpsHotWithEveryFrame()
    {
        // Neither pump may back off to its idle polls while a transfer's frames are on their way: the sender asks with
        // its Begin and each chunk, the receiver with each frame it takes.
        var options = new BlobTransferOptions { ChunkBytes = 100, WindowChunks = 2 };
        var senderAsked = new ConcurrentQueue<TimeSpan>();
        var receiverAsked = new ConcurrentQueue<TimeSpan>();
        _sender = new BlobTransfer((d, t, b) => _receiver.Handle(0, t, b), 9, _ => Path.Combine(_dir.FullName, "unused"), options, senderAsked.Enqueue);
        _receiver = new BlobTransfer((d, t, b) => _sender.Handle(1, t, b), 9, o => Path.Combine(_dir.FullName, "in"), options, receiverAsked.Enqueue);
        var data = RandomBytes(450);

        Assert.True(await _sender.SendAsync(1, new MemoryStream(data), data.Length, "k", Sha(data)).WaitAsync(Deadline));

        Assert.Equal(1 + 5, senderAsked.Count);
        Assert.Equal(1 + 5 + 1, receiverAsked.Count); // Begin, five chunks, End
        Assert.All(senderAsked.Concat(receiverAsked), p => Assert.Equal(BlobTransfer.HotPeriod, p));
    }

    [Fact]
    public void Handle_MalformedFrame_Throws()
    {
        Wire(chunk: 10, window: 1);

        Assert.Throws<InvalidDataException>(() => _receiver.Handle(0, 9, new byte[3]));
    }

    [Fact]
    public async Task SendAsync_NotAHash_ThrowsNamingTheFix()
    {
        Wire(chunk: 10, window: 1);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _sender.SendAsync(1, new MemoryStream(), 0, "k", "abcd"));
        Assert.Contains("64 hexadecimal digits", e.Message, StringComparison.Ordinal);
    }

    private void Wire(int chunk, int window)
    {
        var options = new BlobTransferOptions { ChunkBytes = chunk, WindowChunks = window };
        _sender = new BlobTransfer((d, t, b) => { _wire.Add((d, b[0], b.Length)); _receiver.Handle(0, t, b); }, 9, _ => Path.Combine(_dir.FullName, "unused"), options);
        _receiver = new BlobTransfer((d, t, b) => _sender.Handle(1, t, b), 9, o => Path.Combine(_dir.FullName, $"in-{o.Source}-{o.TransferId}"), options);
    }

    private static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Whether the file already holds the first <paramref name="length"/> bytes of <paramref name="data"/>.</summary>
    private static bool FileHolds(string path, byte[] data, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var read = new byte[length];
        return file.ReadAtLeast(read, read.Length, throwOnEndOfStream: false) == length && read.AsSpan().SequenceEqual(data.AsSpan(0, (int)length));
    }
}
