namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>What one rank contributes to a tick's Allgather: its report and whether it wants the world to stop.</summary>
internal sealed record TickEnvelope<TReport>(long Sequence, TReport Report, bool StopRequested);
