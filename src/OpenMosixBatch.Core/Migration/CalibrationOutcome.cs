namespace OpenMosixBatch.Core.Migration;

/// <summary>What <c>omb calibrate</c> found: the tunables to print (and set), the line they came from, and why each value is what it is.</summary>
/// <param name="Overheads">The 14 overheads: values 13 and 14 measured, the others as they were.</param>
/// <param name="MfsCosts">The 6 oMFS costs: the four per-KB values measured, the two connect costs as they were.</param>
/// <param name="Fit">Move cost in microseconds against checkpoint bytes.</param>
/// <param name="Io">The file I/O timed for the per-KB values.</param>
/// <param name="Notes">One line per value kept or bounded, for the report.</param>
public sealed record CalibrationOutcome(Overheads Overheads, MfsCosts MfsCosts, LinearFit Fit, FileIoCosts Io, IReadOnlyList<string> Notes)
{
    /// <summary>The overheads calibration measures, numbered as in the file (1 first): empty-process time and per dirty page.</summary>
    public static IReadOnlyList<int> MeasuredOverheads { get; } = [13, 14];

    /// <summary>The oMFS costs calibration measures, numbered as in the file: per KB in and out, server and client.</summary>
    public static IReadOnlyList<int> MeasuredMfsCosts { get; } = [3, 4, 5, 6];
}
