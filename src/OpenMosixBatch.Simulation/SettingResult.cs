using OpenMosixBatch.Simulation.Reporting;

namespace OpenMosixBatch.Simulation;

/// <summary>One setting's figures: the mean over its windows, and each window's.</summary>
public sealed record SettingResult(SimulationSetting Setting, RunMetrics Mean, IReadOnlyList<WindowResult> Windows);
