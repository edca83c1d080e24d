using OpenMosixBatch.Core.Health;

namespace OpenMosixBatch.Server.Options;

/// <summary>Section "Omb:BlackHole": when a node whose tasks fail far more often than elsewhere is drained (see <see cref="BlackHoleDetector"/>).</summary>
public sealed class BlackHoleOptions
{
    /// <summary>False never drains a node for its failures.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far back task ends count (a TimeSpan, e.g. "00:10:00").</summary>
    public TimeSpan Window { get; set; } = BlackHoleSettings.DefaultWindow;

    /// <summary>Failed tasks on a node within the window before it can be drained.</summary>
    public int MinFailures { get; set; } = BlackHoleSettings.DefaultMinFailures;

    /// <summary>How many times the other nodes' failure share the node's share must reach.</summary>
    public double FailureRatio { get; set; } = BlackHoleSettings.DefaultFailureRatio;

    public BlackHoleSettings ToSettings() => new(Window, MinFailures, FailureRatio);
}
