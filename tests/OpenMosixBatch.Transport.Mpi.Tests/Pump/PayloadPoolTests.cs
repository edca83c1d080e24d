using OpenMosixBatch.Transport.Mpi.Blobs;
using OpenMosixBatch.Transport.Mpi.Pump;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Tests.Pump;

public sealed class PayloadPoolTests
{
    private const int Chunk = BlobFrame.HeaderLength + BlobTransferOptions.DefaultChunkBytes;

    [Fact]
    public void Rent_LargeWindowOfChunksReturnedFromAnotherThread_GivesTheSameArraysBack()
    {
        // As a blob's receive: the pump rents every chunk's array, the writer thread gives each back once written.
        var pool = new PayloadPool();
        var window = BlobTransferOptions.DefaultLargeWindowChunks + 1;
        var first = Enumerable.Range(0, window).Select(_ => pool.Rent(Chunk)).ToList();
        var writer = new Thread(() => first.ForEach(pool.Return));
        writer.Start();
        writer.Join();

        var second = Enumerable.Range(0, window).Select(_ => pool.Rent(Chunk)).ToList();

        Assert.Equal(first.ToHashSet(ReferenceEqualityComparer.Instance), second.ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void Reserve_ThenRent_GivesReservedArraysOfAtLeastTheLength()
    {
        var pool = new PayloadPool();
        pool.Reserve(Chunk, 3);

        var rented = Enumerable.Range(0, 3).Select(_ => pool.Rent(Chunk)).ToList();
        foreach (var array in rented)
        {
            pool.Return(array);
        }

        var again = Enumerable.Range(0, 3).Select(_ => pool.Rent(Chunk)).ToList();
        Assert.All(rented, a => Assert.True(a.Length >= Chunk));
        Assert.Equal(rented.ToHashSet(ReferenceEqualityComparer.Instance), again.ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void Rent_JustBelowThePooledLength_IsAnExactFreshArray()
    {
        // The threshold is the pump's own (MpiMessage.PooledFrom), read here, so the test follows it when it changes:
        // a pooled array would be longer (its size class).
        var pool = new PayloadPool();
        var small = MpiMessage.PooledFrom - 1;

        Assert.Equal(small, pool.Rent(small).Length);
    }

    [Fact]
    public void Release_MessageOfThePooledLength_GivesItsArrayBackToThePool()
    {
        var pool = new PayloadPool();
        var array = pool.Rent(MpiMessage.PooledFrom);
        var message = new MpiMessage(1, 4, array, MpiMessage.PooledFrom, pool, JsonMpiSerializer.Default);

        message.Release();

        Assert.Same(array, pool.Rent(MpiMessage.PooledFrom));
    }
}
