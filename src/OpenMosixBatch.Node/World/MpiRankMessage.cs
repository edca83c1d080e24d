using OpenMosixBatch.Core.World;
using OpenMosixBatch.Transport.Mpi.Pump;

namespace OpenMosixBatch.Node.World;

/// <summary>A message the MPI pump received, as the rank's transport port hands it on.</summary>
public sealed class MpiRankMessage(MpiMessage message) : IRankMessage
{
    /// <inheritdoc />
    public int Source => message.Source;

    /// <inheritdoc />
    public int Tag => message.Tag;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Payload => message.Payload;

    /// <inheritdoc />
    public T Read<T>() => message.Read<T>();

    /// <inheritdoc />
    public void Release() => message.Release();
}
