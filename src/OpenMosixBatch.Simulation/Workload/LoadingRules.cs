namespace OpenMosixBatch.Simulation.Workload;

/// <summary>How a trace's unknown (-1) and odd fields become jobs; see <see cref="TraceLoader"/>.</summary>
public enum LoadingRules
{
    /// <summary>This project's rules: keep what the trace knows, never invent an estimate.</summary>
    Standard,

    /// <summary>The rules of Zhang et al.'s RLScheduler (SC20), for comparison with its published figures.</summary>
    RlScheduler,
}
