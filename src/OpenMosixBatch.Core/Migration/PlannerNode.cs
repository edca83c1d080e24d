namespace OpenMosixBatch.Core.Migration;

/// <summary>One node as the migration planner sees it on a rebalancing tick (from the loads the ranks exchanged).</summary>
/// <param name="Name">Node name as pbsnodes shows it.</param>
/// <param name="Cpus">CPUs the node offers to batch work.</param>
/// <param name="MemoryBytes">Memory the node offers to batch work; the low-water mark is a fraction of it.</param>
public sealed record PlannerNode(string Name, int Cpus, long MemoryBytes)
{
    /// <summary>Relative speed (1.0 = reference node).</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>Runnable processes on the node now, batch tasks and non-batch load alike (a run-queue length).</summary>
    public double RunnableDemand { get; init; }

    /// <summary>Memory available now (MemAvailable capped by the node's share); defaults to all of it.</summary>
    public long FreeMemoryBytes { get; init; } = MemoryBytes;

    /// <summary>False when the node is offline, draining, down or failing its health check: it takes no migrations.</summary>
    public bool AcceptsMigrations { get; init; } = true;

    /// <summary>
    /// True while an administrator expels work from the node (<c>pbsnodes -o</c>, <c>omb node expel</c>, like
    /// <c>mosctl expel</c>): its migratable tasks move away regardless of gain, and it takes none.
    /// </summary>
    public bool Expelling { get; init; }
}
