using System.Text;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Parts;

namespace OpenMosixBatch.Server.Tests.Parts;

/// <summary>The server holds at most RemotePartRecord.StreamBound of a part's unread output per stream, and says what it dropped.</summary>
public sealed class RemotePartBookBoundTests
{
    private const int Chunk = 256 * 1024;
    private const int Bound = 8 * 1024 * 1024;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    private static TaskEvent Output(long part, byte[] stdout, byte[]? stderr = null) =>
        new(TaskEventKind.PartOutput, 7, 0, "node2", DateTimeOffset.UnixEpoch) { PartId = part, Stdout = stdout, Stderr = stderr ?? [] };

    private static TaskEvent Ended(long part) =>
        new(TaskEventKind.PartEnded, 7, 0, "node2", DateTimeOffset.UnixEpoch, ExitStatus: 0) { PartId = part };

    [Fact]
    public async Task Observe_AReaderThatNeverReads_HoldsAtMostTheBoundOfStdout_AndTellsWhatWasDroppedOnStderr()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);

        // 48 chunks (12 MiB) of stdout while nobody reads: 4 MiB more than the bound.
        for (var i = 0; i < 48; i++)
        {
            book.Observe(Output(id, Fill(i)));
        }

        book.Observe(Ended(id));
        var (stdout, stderr, status) = await DrainAsync(book, id);

        Assert.Equal(Bound, stdout.Length);
        Assert.Equal(Fill(31), stdout[^Chunk..]);
        Assert.Equal("omb rsh: node2: 4194304 bytes of the part's stdout were dropped: its reader fell more than 8 MiB behind (the server's bound per stream)\n",
            Encoding.UTF8.GetString(stderr));
        Assert.Equal(0, status);
    }

    [Fact]
    public async Task Observe_AReaderThatKeepsUp_LosesNothing_AndIsToldNothing()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        var got = new List<byte>();
        for (var i = 0; i < 48; i++)
        {
            book.Observe(Output(id, Fill(i)));
            var progress = await book.ReadAsync(id, 1000, got.Count, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
            got.AddRange(progress!.Stdout);
            Assert.Empty(progress.Stderr);
        }

        Assert.Equal(48 * Chunk, got.Count);
        Assert.Equal(Fill(47), got.Skip(47 * Chunk).ToArray());
    }

    [Fact]
    public async Task Observe_ARunOfDropsThatEnds_IsToldOnce_AndWhatFitsAfterIsKept()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        for (var i = 0; i < 34; i++)
        {
            book.Observe(Output(id, Fill(i)));
        }

        // The reader takes 2 MiB, then 4 more chunks come: they fit, which ends the run of drops (2 chunks).
        var first = await book.ReadAsync(id, 1000, 0, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        var second = await book.ReadAsync(id, 1000, first!.Stdout.Length, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        var read = first.Stdout.Length + second!.Stdout.Length;
        Assert.Equal(2 * 1024 * 1024, read);
        _ = await book.ReadAsync(id, 1000, read, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        for (var i = 34; i < 38; i++)
        {
            book.Observe(Output(id, Fill(i)));
        }

        book.Observe(Ended(id));
        var (stdout, stderr, _) = await DrainAsync(book, id, read);

        Assert.Equal(Bound - read + 4 * Chunk, stdout.Length);
        Assert.Equal(Fill(37), stdout[^Chunk..]);
        Assert.Single(Encoding.UTF8.GetString(stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(" 524288 bytes of the part's stdout were dropped", Encoding.UTF8.GetString(stderr), StringComparison.Ordinal);
    }

    private static byte[] Fill(int i) => Enumerable.Repeat((byte)('a' + (i % 26)), Chunk).ToArray();

    private static async Task<(byte[] Stdout, byte[] Stderr, int? Status)> DrainAsync(RemotePartBook book, long id, long stdoutFrom = 0)
    {
        var stdout = new List<byte>();
        var stderr = new List<byte>();
        while (true)
        {
            var progress = await book.ReadAsync(id, 1000, stdoutFrom + stdout.Count, stderr.Count, TimeSpan.FromSeconds(1), CancellationToken.None);
            stdout.AddRange(progress!.Stdout);
            stderr.AddRange(progress.Stderr);
            if (progress.ExitStatus is { } status)
            {
                return ([.. stdout], [.. stderr], status);
            }
        }
    }
}
