using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Transport.Mpi.Runtime;

/// <summary>
/// MPI_Iallgather and MPI_Iallgatherv, which MPI.NET 1.4 lacks, completed by polling MPI_Test with a sleep between
/// polls. A blocking collective under MPICH (ch4:ucx) spins a core until the last rank arrives; a rank whose node is
/// crowded arrives late at every tick, and the others would burn the CPU its tasks need.
/// </summary>
/// <remarks>Uses MPICH-ABI integer handles, like MPI.NET itself (see <see cref="MpichLibraryResolver"/>).</remarks>
internal static unsafe partial class NonBlockingAllgather
{
    private const int MpiInt = 0x4c000405;
    private const int MpiByte = 0x4c00010d;
    private const int MpiSuccess = 0;
    private static readonly IntPtr StatusIgnore = 1;

    /// <summary>Every rank's <paramref name="value"/>, in rank order.</summary>
    /// <param name="wait">Called between polls while the collective is incomplete (sleeps briefly).</param>
    public static int[] Values(MPI.Intracommunicator communicator, int value, Action wait)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(wait);
        var all = new int[communicator.Size];
        int request;
        fixed (int* recv = all)
        {
            Check(MPI_Iallgather(&value, 1, MpiInt, recv, 1, MpiInt, Handle(communicator), &request), "MPI_Iallgather");
            Complete(&request, wait);
        }

        return all;
    }

    /// <summary>Every rank's bytes, concatenated in rank order; <paramref name="lengths"/> from <see cref="Values"/>.</summary>
    public static byte[] Bytes(MPI.Intracommunicator communicator, byte[] mine, int[] lengths, Action wait)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(wait);
        var displacements = new int[lengths.Length];
        var total = 0L;
        for (var i = 0; i < lengths.Length; i++)
        {
            displacements[i] = (int)total;
            total += lengths[i];
        }

        if (total > int.MaxValue)
        {
            throw new InvalidOperationException($"a tick's reports add up to {total} bytes, more than one MPI call carries");
        }

        var all = new byte[total];
        int request;

        // A zero-length array pins to null; MPI wants a valid address even for a count of 0.
        var sendBuffer = mine.Length == 0 ? new byte[1] : mine;
        var receiveBuffer = all.Length == 0 ? new byte[1] : all;
        fixed (byte* send = sendBuffer)
        fixed (byte* recv = receiveBuffer)
        fixed (int* counts = lengths)
        fixed (int* displs = displacements)
        {
            Check(MPI_Iallgatherv(send, mine.Length, MpiByte, recv, counts, displs, MpiByte, Handle(communicator), &request), "MPI_Iallgatherv");
            Complete(&request, wait);
        }

        return all;
    }

    // MPI.NET keeps the MPICH handle in an internal field and exposes no accessor.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "comm")]
    private static extern ref int Handle(MPI.Communicator communicator);

    private static void Complete(int* request, Action wait)
    {
        while (true)
        {
            int done;
            Check(MPI_Test(request, &done, StatusIgnore), "MPI_Test");
            if (done != 0)
            {
                return;
            }

            wait();
        }
    }

    private static void Check(int code, string call)
    {
        if (code != MpiSuccess)
        {
            throw new InvalidOperationException($"{call} failed with MPI error {code}");
        }
    }

    [LibraryImport(MpichLibraryResolver.MsMpiLibrary)]
    private static partial int MPI_Iallgather(void* sendbuf, int sendcount, int sendtype, void* recvbuf, int recvcount, int recvtype, int comm, int* request);

    [LibraryImport(MpichLibraryResolver.MsMpiLibrary)]
    private static partial int MPI_Iallgatherv(void* sendbuf, int sendcount, int sendtype, void* recvbuf, int* recvcounts, int* displs, int recvtype, int comm, int* request);

    [LibraryImport(MpichLibraryResolver.MsMpiLibrary)]
    private static partial int MPI_Test(int* request, int* flag, IntPtr status);
}
