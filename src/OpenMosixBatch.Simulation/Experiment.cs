using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Simulation.Reporting;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation;

/// <summary>
/// Runs every setting on every window (or on the whole trace when no window is given), each from an empty cluster,
/// and gives per setting the mean over the windows and each window's figures.
/// </summary>
public static class Experiment
{
    public static IReadOnlyList<SettingResult> Run(IReadOnlyList<TraceJob> jobs, IReadOnlyList<NodeSnapshot> nodes, IReadOnlyList<SimulationSetting> settings,
        IReadOnlyList<TraceWindow> windows, AdmissionSettings server, bool pinHead)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(windows);
        IReadOnlyList<(TraceWindow? Window, IReadOnlyList<TraceJob> Jobs)> slices = windows.Count == 0
            ? [(null, jobs)]
            : [.. windows.Select(w => ((TraceWindow?)w, w.Of(jobs)))];
        var results = new List<SettingResult>(settings.Count);
        foreach (var setting in settings)
        {
            var policy = setting.Policy(server, pinHead);
            var runs = slices.Select(s => new WindowResult(s.Window, Simulator.Run(s.Jobs, nodes, policy))).ToList();
            results.Add(new SettingResult(setting, RunMetrics.Mean([.. runs.Select(r => r.Metrics)]), runs));
        }

        return results;
    }
}
