using System.Buffers;

namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>
/// The arrays a pump receives large payloads (blob chunks) into, kept from one transfer to the next. On this machine
/// kind a fresh array's pages fault in from the host on first touch, inside the pump's receive: a 256 MB blob received
/// into <see cref="ArrayPool{T}.Shared"/> arrays allocated 6-34 MB of new ones during the transfer even after two
/// transfers before it, against none with this pool (the shared pool keeps a bounded number of arrays per size and
/// core, and the thread that returns a blob's arrays, its writer, is new with each blob). What it keeps is bounded by the most arrays of one size ever out at once (a blob's
/// window and the one being received), as the sender keeps a window of reused frames.
/// </summary>
public sealed class PayloadPool
{
    /// <summary>Largest payload kept for reuse (a blob chunk may be up to 64 MiB); larger ones are allocated each time.</summary>
    public const int MaxPooledLength = 64 * 1024 * 1024 + 4096;

    /// <summary>Arrays kept per size class: a large blob's window of 64 chunks, the one being received, and slack.</summary>
    public const int ArraysPerSize = 80;

    private readonly ArrayPool<byte> _arrays = ArrayPool<byte>.Create(MaxPooledLength, ArraysPerSize);

    /// <summary>An array of at least <paramref name="length"/> bytes; pooled from <see cref="MpiMessage.PooledFrom"/> on.</summary>
    public byte[] Rent(int length) => length >= MpiMessage.PooledFrom ? _arrays.Rent(length) : new byte[length];

    /// <summary>Takes back an array <see cref="Rent"/> gave out (for a pooled length); it must no longer be used.</summary>
    public void Return(byte[] array) => _arrays.Return(array);

    /// <summary>
    /// Makes sure <paramref name="count"/> arrays for <paramref name="length"/>-byte payloads are in the pool with their
    /// pages touched, so receiving into them faults nothing in (what a long-running node has after its first transfers;
    /// a benchmark calls it before it starts its clock, as the C program touches its buffers before its own).
    /// </summary>
    public void Reserve(int length, int count)
    {
        var arrays = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            arrays[i] = Rent(length);
            for (var page = 0; page < length; page += Environment.SystemPageSize)
            {
                arrays[i][page] = 0;
            }
        }

        foreach (var array in arrays.Where(a => a.Length >= MpiMessage.PooledFrom))
        {
            Return(array);
        }
    }
}
