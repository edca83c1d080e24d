namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>A message waiting in the outbox, already serialized by the caller's thread.</summary>
internal sealed record OutgoingMessage(int Destination, int Tag, byte[] Payload);
