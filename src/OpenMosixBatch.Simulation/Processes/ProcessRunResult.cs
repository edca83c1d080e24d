namespace OpenMosixBatch.Simulation.Processes;

/// <summary>One run of a process workload, with migration on or off.</summary>
/// <param name="Migration">Whether the rebalancer ran.</param>
/// <param name="Processes">Processes run.</param>
/// <param name="MeanSlowdown">Mean of (end − arrival) / (work / the fastest node's speed): 1 is as fast as the best node alone.</param>
/// <param name="Makespan">Seconds from the first arrival to the last end.</param>
/// <param name="LowerBound">
/// No schedule ends sooner: the larger of total work / total capacity and, over the processes, arrival + work / the
/// fastest speed (which covers the longest process).
/// </param>
/// <param name="Migrations">Moves made.</param>
/// <param name="MigrationSeconds">Time the moved processes spent in flight (the cost model's migration time).</param>
public sealed record ProcessRunResult(bool Migration, int Processes, double MeanSlowdown, double Makespan, double LowerBound, int Migrations,
    double MigrationSeconds)
{
    /// <summary>How far the makespan is above its lower bound (1 = at the bound).</summary>
    public double MakespanOverBound => LowerBound > 0 ? Makespan / LowerBound : 1;
}
