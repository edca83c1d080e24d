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

        var sent = await world.WaitForLineAsync(l => l.StartsWith("sent blob-64mb ", StringComparison.Ordinal), Deadline, "rank 0's sent line");
        var received = await world.WaitForLineAsync(l => l.StartsWith("received blob-64mb ", StringComparison.Ordinal), Deadline, "rank 1's received line");
        var exit = await world.WaitForExitAsync(Deadline);

        Assert.True(exit == 0, $"mpiexec exit {exit}; stderr: {world.Errors}");
        var s = sent.Split(' ');
        var r = received.Split(' ');
        Assert.Equal("67108864", s[2]);
        Assert.Equal("67108864", r[2]);
        Assert.Equal(s[3], r[3]);
        Assert.Equal("True", s[4]);
        Assert.Equal("True", r[4]);
        Assert.Contains(world.Lines, l => l.StartsWith("raw_p2p_mb_per_s ", StringComparison.Ordinal));
        Assert.Contains(world.Lines, l => l.StartsWith("blob_64mb_mb_per_s ", StringComparison.Ordinal));
    }
}
