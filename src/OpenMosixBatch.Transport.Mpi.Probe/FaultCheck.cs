using OpenMosixBatch.Transport.Mpi.Runtime;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>
/// Checks that managed faults still behave inside an MPI world: a NullReferenceException (which .NET raises
/// from a SIGSEGV handler that MPI's network layer could displace) is caught, then rank 1 dies of an
/// unhandled exception and the world must end instead of hanging.
/// </summary>
public static class FaultCheck
{
    public static int Run(string[] args, TextWriter output)
    {
        // No `using`: disposing finalises MPI, and MPI_Finalize during the unwind of an exception waits
        // for ranks that are themselves waiting for this one, so the world would hang instead of ending.
        var runtime = MpiRuntime.Initialize(args, JsonMpiSerializer.Default);
        string? missing = args.Length > 99 ? args[0] : null;
        try
        {
            _ = missing!.Length;
            output.WriteLine($"rank {runtime.Rank} null dereference not raised");
        }
        catch (NullReferenceException)
        {
            output.WriteLine($"rank {runtime.Rank} caught NullReferenceException");
        }

        output.Flush();
        runtime.World.Barrier();
        if (runtime.Rank == 1)
        {
            throw new InvalidOperationException("rank 1 fails on purpose");
        }

        runtime.World.Barrier();
        runtime.Dispose();
        return 0;
    }
}
