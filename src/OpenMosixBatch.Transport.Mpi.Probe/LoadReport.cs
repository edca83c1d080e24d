namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>The load one rank reports each tick in the probe, with values derived from the rank so rank 0 can check them.</summary>
public sealed record LoadReport(int Rank, int Pid, double CpuPercent, long MemoryMb);
