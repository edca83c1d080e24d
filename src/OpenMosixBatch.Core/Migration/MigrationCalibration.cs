using System.Globalization;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Turns measured moves and file I/O into tunables (<c>omb calibrate</c>), so that
/// <see cref="MigrationCostModel.MigrationCost"/> reproduces the measured cost of a move at every checkpoint size.
/// </summary>
/// <remarks>
/// The moves give one line: cost = a + b · bytes (least squares). The model prices a move as empty-process time +
/// pages × per page + both oMFS connects + KB × (server out + client in), so the line is split between them: the per-KB
/// oMFS values are the timed file writes (out) and reads (in), the per-page value is the rest of the slope, and the
/// empty-process time is the intercept less the connect costs, which are not measured and keep their setting (when the
/// intercept is not above them, the mean of the smallest moves stands in for it). Values
/// are whole microseconds; a measured cost below 1 µs is stored as 1, so it never reads as free.
/// </remarks>
public static class MigrationCalibration
{
    private const double KbBytes = 1024;

    /// <summary>The calibrated tunables, or one line saying why the samples do not give them.</summary>
    public static (CalibrationOutcome? Outcome, string? Error) Calibrate(IReadOnlyList<CalibrationSample> samples, FileIoCosts io, Overheads current, MfsCosts currentMfs)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(currentMfs);
        if (!Valid(io.ReadPerKb) || !Valid(io.WritePerKb))
        {
            return (null, Text($"the file I/O timing is not usable (read {io.ReadPerKb} µs/KB, write {io.WritePerKb} µs/KB): run omb calibrate again"));
        }

        if (samples.Any(s => s.CheckpointBytes < 0 || s.Cost < TimeSpan.Zero))
        {
            return (null, "a move was recorded with a negative size or cost: run omb calibrate again");
        }

        if (LinearFit.Of([.. samples.Select(s => ((double)s.CheckpointBytes, s.Cost.TotalMicroseconds))]) is not { } fit)
        {
            var sizes = string.Join(", ", samples.Select(s => s.CheckpointBytes).Distinct().Order());
            return (null, $"the moves measured {samples.Count} sample(s) of {(sizes.Length == 0 ? "no" : sizes)} checkpoint bytes: a line needs two different sizes, e.g. --sizes 0,8,32");
        }

        var notes = new List<string>
        {
            "overheads 1-12 (demand-page, system-call, read and write overheads) keep their setting: calibrate times moves, not remote system calls",
            "oMFS connect costs (mfscosts 1-2) keep their setting; the empty-process time is the fitted intercept less them",
            Text($"oMFS per KB in (mfscosts 3-4) = a timed file read, {io.ReadPerKb:0.###} µs/KB; per KB out (5-6) = a timed file write with fsync, {io.WritePerKb:0.###} µs/KB; one host timed both ends"),
        };
        var perKbIn = Whole(io.ReadPerKb);
        var perKbOut = Whole(io.WritePerKb);
        var mfs = currentMfs with { PerKbInServer = perKbIn, PerKbInClient = perKbIn, PerKbOutServer = perKbOut, PerKbOutClient = perKbOut };

        var slopePerKb = fit.Slope * KbBytes;
        var perPage = (slopePerKb - perKbOut - perKbIn) * (MigrationCostModel.PageBytes / KbBytes);
        if (perPage < 0.5)
        {
            notes.Add(Text($"a move's slope, {slopePerKb:0.###} µs/KB, is not above the file I/O charged per KB ({perKbOut} out + {perKbIn} in): the per-page value is held at 1 µs"));
        }

        var connects = (double)currentMfs.ConnectServer + currentMfs.ConnectClient;
        var empty = fit.Intercept - connects;
        if (empty < 0.5)
        {
            // A cost that grows faster than linearly (a loaded disk at the large sizes) tilts the line below zero at
            // the origin, though the smallest moves plainly cost something: take their mean instead.
            var smallest = samples.Min(s => s.CheckpointBytes);
            var mean = samples.Where(s => s.CheckpointBytes == smallest).Average(s => s.Cost.TotalMicroseconds);
            var fromSmallest = mean - (Math.Max(0, fit.Slope) * smallest) - connects;
            notes.Add(Text($"the fitted line gives {fit.Intercept:0} µs for an empty move (the cost grows faster than linearly): the empty-process time is the mean of the {smallest}-byte moves, {mean:0} µs, less the connect costs"));
            empty = fromSmallest;
        }

        if (empty < 0.5)
        {
            notes.Add(Text($"the fitted empty move, {fit.Intercept:0} µs, is not above the connect costs ({currentMfs.ConnectServer} + {currentMfs.ConnectClient} µs): the empty-process time is held at 1 µs"));
        }

        var overheads = current with { EmptyMigration = Whole(empty), PerDirtyPage = Whole(perPage) };
        return (new CalibrationOutcome(overheads, mfs, fit, io, notes), null);
    }

    private static bool Valid(double x) => double.IsFinite(x) && x >= 0;

    private static long Whole(double micros) =>
        (long)Math.Clamp(Math.Round(micros, MidpointRounding.AwayFromZero), 1, TunablesParser.MaxValue);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
