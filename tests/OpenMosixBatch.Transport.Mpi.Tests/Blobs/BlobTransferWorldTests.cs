namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

[Trait("Category", "Mpi")]
[Collection(MpiexecWorld.CollectionName)]
public sealed class BlobTransferWorldTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Bandwidth_TwoRanks_Moves64MbBlobWithTheSenderHash()
    {
        await using var world = MpiexecWorld.Start(2, "bandwidth", "--sizes", "64");

        await AssertMovedWithTheSenderHashAsync(world, 64);
        Assert.Contains(world.Lines, l => l.StartsWith("raw_p2p_mb_per_s ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bandwidth_TwoRanks_Moves256MbBlobWithTheSenderHash()
    {
        // The checkpoint size the issue names: 256 chunks through the pump's pooled receive buffers and the
        // receiver's write stage.
        await using var world = MpiexecWorld.Start(2, "bandwidth", "--sizes", "256", "--no-raw");

        await AssertMovedWithTheSenderHashAsync(world, 256);
    }

    private static async Task AssertMovedWithTheSenderHashAsync(MpiexecWorld world, int mb)
    {
        var sent = await world.WaitForLineAsync(l => l.StartsWith($"sent blob-{mb}mb ", StringComparison.Ordinal), Deadline, "rank 0's sent line");
        var received = await world.WaitForLineAsync(l => l.StartsWith($"received blob-{mb}mb ", StringComparison.Ordinal), Deadline, "rank 1's received line");
        var exit = await world.WaitForExitAsync(Deadline);

        Assert.True(exit == 0, $"mpiexec exit {exit}; stderr: {world.Errors}");
        var s = sent.Split(' ');
        var r = received.Split(' ');
        var bytes = (mb * 1024L * 1024L).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(bytes, s[2]);
        Assert.Equal(bytes, r[2]);
        Assert.Equal(s[3], r[3]);
        Assert.Equal("True", s[4]);
        Assert.Equal("True", r[4]);
        Assert.Contains(world.Lines, l => l.StartsWith($"blob_{mb}mb_mb_per_s ", StringComparison.Ordinal));
    }
}
