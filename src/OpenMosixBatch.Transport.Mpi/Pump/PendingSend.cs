namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>A non-blocking send in flight; holds the buffer so it outlives the MPI request.</summary>
internal sealed record PendingSend(MPI.Request Request, byte[] Payload);
