namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>A record that crosses the wire in the probe: a rank, its pid, a name and an optional bulk payload.</summary>
public sealed record ProbeRecord(int Rank, int Pid, string Name, string Bulk);
