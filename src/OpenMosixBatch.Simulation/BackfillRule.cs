namespace OpenMosixBatch.Simulation;

/// <summary><c>--backfill</c>: the server's two settings, and RLScheduler's variant for comparisons.</summary>
public enum BackfillRule
{
    Easy,
    None,
    Greedy,
}
