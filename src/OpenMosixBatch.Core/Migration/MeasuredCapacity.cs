namespace OpenMosixBatch.Core.Migration;

/// <summary>A node's measured capacity in the planner's terms: whole CPUs and a speed per CPU.</summary>
/// <param name="Cpus">CPUs, at least one.</param>
/// <param name="Speed">Relative speed of each of them.</param>
public readonly record struct MeasuredCapacity(int Cpus, double Speed)
{
    /// <summary>
    /// <paramref name="cpus"/> (possibly fractional: half a shared core) CPUs of <paramref name="speed"/>: rounded to
    /// whole CPUs, the fraction carried by the speed, so CPUs × speed is what the node delivers.
    /// </summary>
    public static MeasuredCapacity Of(double cpus, double speed)
    {
        var whole = Math.Max(1, (int)Math.Round(cpus, MidpointRounding.AwayFromZero));
        return new MeasuredCapacity(whole, speed * cpus / whole);
    }
}
