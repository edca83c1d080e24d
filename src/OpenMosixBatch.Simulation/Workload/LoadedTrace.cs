namespace OpenMosixBatch.Simulation.Workload;

/// <summary>The jobs a trace yields under some rules, in replay order, and how many lines were left out.</summary>
public sealed record LoadedTrace(IReadOnlyList<TraceJob> Jobs, int Skipped);
