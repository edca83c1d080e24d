using OpenMosixBatch.Transport.Mpi.Pump;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Tests.Pump;

public sealed class MpiMessageTests
{
    [Fact]
    public void Payload_PooledBufferLargerThanMessage_IsSlicedToTheMessage()
    {
        var pool = new PayloadPool();
        var buffer = pool.Rent(MpiMessage.PooledFrom);
        buffer[0] = 42;

        var message = new MpiMessage(1, 4, buffer, 3, pool, JsonMpiSerializer.Default);

        Assert.Equal(3, message.Payload.Length);
        Assert.Equal(42, message.Payload.Span[0]);
    }

    [Fact]
    public void Release_Twice_EmptiesThePayloadAndDoesNotThrow()
    {
        var pool = new PayloadPool();
        var message = new MpiMessage(1, 4, pool.Rent(MpiMessage.PooledFrom), 10, pool, JsonMpiSerializer.Default);

        message.Release();
        message.Release();

        Assert.True(message.Payload.IsEmpty);
    }

    [Fact]
    public void Read_UnpooledJsonPayload_Deserializes()
    {
        var bytes = JsonMpiSerializer.Default.ToBytes("hello");

        var message = new MpiMessage(0, 1, bytes, bytes.Length, pool: null, JsonMpiSerializer.Default);

        Assert.Equal("hello", message.Read<string>());
    }
}
