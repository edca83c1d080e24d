using OpenMosixBatch.Core.World;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>A message between two ranks of an <see cref="InProcessWorld"/>, framed as the MPI pump frames it.</summary>
internal sealed class InProcessMessage(int source, int tag, byte[] payload) : IRankMessage
{
    public int Source => source;

    public int Tag => tag;

    public ReadOnlyMemory<byte> Payload { get; private set; } = payload;

    public T Read<T>() => JsonMpiSerializer.Default.FromBytes<T>(Payload.Span);

    public void Release() => Payload = ReadOnlyMemory<byte>.Empty;
}
