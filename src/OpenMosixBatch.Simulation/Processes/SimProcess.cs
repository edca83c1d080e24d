namespace OpenMosixBatch.Simulation.Processes;

/// <summary>One generated process.</summary>
/// <param name="Id">1, 2, … in arrival order.</param>
/// <param name="Arrival">Seconds after the first arrival.</param>
/// <param name="Work">CPU seconds it needs on a node of speed 1.</param>
/// <param name="Home">The node it is started on (its home node: running elsewhere pays the remote overheads).</param>
/// <param name="MemoryBytes">Its memory, which is also what a migration carries.</param>
/// <param name="Checkpointing">True when it checkpoints, so it may migrate; the others run home.</param>
/// <param name="ReadKbPerSecond">Its file reads, charged the remote per-KB overhead while away from home.</param>
/// <param name="SyscallsPerSecond">Its system calls, charged the remote overhead while away from home.</param>
public sealed record SimProcess(int Id, double Arrival, double Work, string Home, long MemoryBytes, bool Checkpointing, double ReadKbPerSecond,
    double SyscallsPerSecond);
