using OpenMosixBatch.Transport.Mpi.Pump;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Tests.Pump;

public sealed class MpiMessageTests
{
    [Fact]
    public void Payload_PooledBufferLargerThanMessage_IsSlicedToTheMessage()
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MpiMessage.PooledFrom);
        buffer[0] = 42;

        var message = new MpiMessage(1, 4, buffer, 3, pooled: true, JsonMpiSerializer.Default);

        Assert.Equal(3, message.Payload.Length);
        Assert.Equal(42, message.Payload.Span[0]);
    }

    [Fact]
    public void Release_Twice_EmptiesThePayloadAndDoesNotThrow()
    {
        var message = new MpiMessage(1, 4, System.Buffers.ArrayPool<byte>.Shared.Rent(MpiMessage.PooledFrom), 10, pooled: true, JsonMpiSerializer.Default);

        message.Release();
        message.Release();

        Assert.True(message.Payload.IsEmpty);
    }

    [Fact]
    public void Read_UnpooledJsonPayload_Deserializes()
    {
        var bytes = JsonMpiSerializer.Default.ToBytes("hello");

        var message = new MpiMessage(0, 1, bytes, bytes.Length, pooled: false, JsonMpiSerializer.Default);

        Assert.Equal("hello", message.Read<string>());
    }
}
