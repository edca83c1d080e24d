namespace OpenMosixBatch.Core.Health;

/// <summary>When a node counts as a black hole (see <see cref="BlackHoleDetector"/>).</summary>
/// <param name="Window">How far back task ends count.</param>
/// <param name="MinFailures">Failed tasks on the node within the window before it can be judged at all.</param>
/// <param name="FailureRatio">How many times the failure share of the other nodes together the node's share must reach.</param>
public sealed record BlackHoleSettings(TimeSpan Window, int MinFailures, double FailureRatio)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(10);
    public const int DefaultMinFailures = 5;
    public const double DefaultFailureRatio = 3;

    public static BlackHoleSettings Default { get; } = new(DefaultWindow, DefaultMinFailures, DefaultFailureRatio);
}
