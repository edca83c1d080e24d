namespace OpenMosixBatch.Core.Migration;

/// <summary>An ordinary least-squares line y = <see cref="Intercept"/> + <see cref="Slope"/> · x.</summary>
/// <param name="Intercept">y at x = 0.</param>
/// <param name="Slope">Change of y per unit of x.</param>
/// <param name="RSquared">Share of y's variance the line explains (1 when every point is on it, or y does not vary).</param>
/// <param name="Count">How many points it was fitted to.</param>
public readonly record struct LinearFit(double Intercept, double Slope, double RSquared, int Count)
{
    /// <summary>
    /// The least-squares line through <paramref name="points"/>; null when they do not determine one (fewer than two
    /// distinct x, or a value that is not finite).
    /// </summary>
    public static LinearFit? Of(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)) || points.Select(p => p.X).Distinct().Count() < 2)
        {
            return null;
        }

        // Centred sums: the raw-sum formula loses digits when x is in bytes (10^7) and y in microseconds (10^6).
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        double sxx = 0, sxy = 0, syy = 0;
        foreach (var (x, y) in points)
        {
            sxx += (x - meanX) * (x - meanX);
            sxy += (x - meanX) * (y - meanY);
            syy += (y - meanY) * (y - meanY);
        }

        var slope = sxy / sxx;
        var intercept = meanY - (slope * meanX);
        var residual = points.Sum(p => Math.Pow(p.Y - (intercept + (slope * p.X)), 2));
        var rSquared = syy == 0 ? 1 : Math.Clamp(1 - (residual / syy), 0, 1);
        return new LinearFit(intercept, slope, rSquared, points.Count);
    }
}
