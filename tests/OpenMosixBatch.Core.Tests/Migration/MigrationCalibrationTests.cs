using CsCheck;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class MigrationCalibrationTests
{
    private const long Mib = 1024 * 1024;

    // Moves of 0, 8 and 32 MiB at 400 ms + 2 µs per KB; file reads at 0.3 µs/KB and writes at 1.6 µs/KB.
    private static readonly FileIoCosts Io = new(0.3, 1.6);

    private static readonly Overheads Current = Overheads.Defaults with { HomeSyscall = 7, RemoteReadPerKb = 99 };

    private static readonly MfsCosts CurrentMfs = MfsCosts.Defaults with { ConnectServer = 100, ConnectClient = 200 };

    private static List<CalibrationSample> Line(double interceptMicros, double microsPerKb, params long[] sizes) =>
        [.. sizes.Select(b => new CalibrationSample(b, TimeSpan.FromMicroseconds(interceptMicros + (microsPerKb * b / 1024.0))))];

    private static CalibrationOutcome Calibrate(IReadOnlyList<CalibrationSample> samples, FileIoCosts? io = null)
    {
        var (outcome, error) = MigrationCalibration.Calibrate(samples, io ?? Io, Current, CurrentMfs);
        Assert.True(outcome is not null, error);
        return outcome;
    }

    [Fact]
    public void Calibrate_EmptyProcessTime_IsTheInterceptLessTheConnectCosts()
    {
        var outcome = Calibrate(Line(400_000, 2, 0, 8 * Mib, 32 * Mib));

        Assert.Equal(400_000 - 100 - 200, outcome.Overheads.EmptyMigration);
        Assert.Equal(400_000, outcome.Fit.Intercept, 3);
    }

    [Fact]
    public void Calibrate_PerKbOfFileIo_IsTheTimedReadAndWrite_RoundedToWholeMicroseconds()
    {
        var outcome = Calibrate(Line(400_000, 20, 0, 8 * Mib), new FileIoCosts(2.4, 5.5));

        Assert.Equal(2, outcome.MfsCosts.PerKbInServer);
        Assert.Equal(2, outcome.MfsCosts.PerKbInClient);
        Assert.Equal(6, outcome.MfsCosts.PerKbOutServer);
        Assert.Equal(6, outcome.MfsCosts.PerKbOutClient);
    }

    [Fact]
    public void Calibrate_PerDirtyPage_IsTheRestOfTheSlope_PerFourKibPage()
    {
        // 20 µs/KB in all, of which 6 out + 2 in are oMFS: 12 µs/KB left, 48 µs per 4 KiB page.
        var outcome = Calibrate(Line(400_000, 20, 0, 8 * Mib, 32 * Mib), new FileIoCosts(2.4, 5.5));

        Assert.Equal(48, outcome.Overheads.PerDirtyPage);
    }

    [Fact]
    public void Calibrate_ASubMicrosecondFileCost_IsStoredAsOne_NotAsFree()
    {
        var outcome = Calibrate(Line(400_000, 2, 0, 8 * Mib), new FileIoCosts(0.01, 0));

        Assert.Equal(1, outcome.MfsCosts.PerKbInClient);
        Assert.Equal(1, outcome.MfsCosts.PerKbOutServer);
    }

    [Fact]
    public void Calibrate_KeepsTheValuesItDoesNotMeasure_AtTheirCurrentSetting()
    {
        var outcome = Calibrate(Line(400_000, 2, 0, 8 * Mib));

        Assert.Equal(Current.ToValues()[..12], outcome.Overheads.ToValues()[..12]);
        Assert.Equal(CurrentMfs.ConnectServer, outcome.MfsCosts.ConnectServer);
        Assert.Equal(CurrentMfs.ConnectClient, outcome.MfsCosts.ConnectClient);
        Assert.Contains(outcome.Notes, n => n.Contains("overheads 1-12", StringComparison.Ordinal) && n.Contains("keep their setting", StringComparison.Ordinal));
        Assert.Contains(outcome.Notes, n => n.Contains("connect costs", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrate_TheMeasuredValues_AreTheOnesItSaysItMeasures()
    {
        var outcome = Calibrate(Line(400_000, 20, 0, 8 * Mib), new FileIoCosts(2.4, 5.5));
        var o = outcome.Overheads.ToValues();
        var m = outcome.MfsCosts.ToValues();

        for (var i = 1; i <= Overheads.Count; i++)
        {
            Assert.Equal(CalibrationOutcome.MeasuredOverheads.Contains(i), o[i - 1] != Current.ToValues()[i - 1]);
        }

        for (var i = 1; i <= MfsCosts.Count; i++)
        {
            Assert.Equal(CalibrationOutcome.MeasuredMfsCosts.Contains(i), m[i - 1] != CurrentMfs.ToValues()[i - 1]);
        }
    }

    [Fact]
    public void Calibrate_TheCostModel_ReproducesTheMeasuredMoves()
    {
        var samples = Line(412_345, 7.3, 0, 8 * Mib, 32 * Mib);
        var outcome = Calibrate(samples);

        foreach (var s in samples)
        {
            var modelled = MigrationCostModel.MigrationCost(s.CheckpointBytes, outcome.Overheads, outcome.MfsCosts);
            Assert.InRange(modelled, s.Cost.TotalMicroseconds * 0.99, s.Cost.TotalMicroseconds * 1.01);
        }
    }

    [Fact]
    public void Calibrate_NoisyRepetitions_FitTheLineThroughTheirMeans()
    {
        List<CalibrationSample> samples =
        [
            new(0, TimeSpan.FromMilliseconds(390)), new(0, TimeSpan.FromMilliseconds(410)),
            new(4 * Mib, TimeSpan.FromMilliseconds(480)), new(4 * Mib, TimeSpan.FromMilliseconds(520)),
        ];

        var outcome = Calibrate(samples, new FileIoCosts(1, 1));

        Assert.Equal(400_000 - 300, outcome.Overheads.EmptyMigration);
        // 100 ms over 4096 KB = 24.414 µs/KB; less 1 out + 1 in = 22.414 µs/KB = 89.66 µs per page.
        Assert.Equal(90, outcome.Overheads.PerDirtyPage);
        Assert.InRange(outcome.Fit.RSquared, 0.9, 1);
    }

    [Fact]
    public void Calibrate_ASlopeBelowTheFileIo_HoldsThePerPageValueAtOne_AndSaysSo()
    {
        var outcome = Calibrate(Line(400_000, 0.5, 0, 8 * Mib), new FileIoCosts(1, 3));

        Assert.Equal(1, outcome.Overheads.PerDirtyPage);
        Assert.Contains(outcome.Notes, n => n.Contains("per-page value is held at 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrate_ANegativeSlope_HoldsThePerPageValueAtOne()
    {
        var outcome = Calibrate([new(0, TimeSpan.FromMilliseconds(500)), new(8 * Mib, TimeSpan.FromMilliseconds(450))]);

        Assert.Equal(1, outcome.Overheads.PerDirtyPage);
    }

    [Fact]
    public void Calibrate_AnInterceptBelowTheConnectCosts_HoldsTheEmptyProcessTimeAtOne_AndSaysSo()
    {
        var outcome = Calibrate(Line(250, 2, 0, 8 * Mib));

        Assert.Equal(1, outcome.Overheads.EmptyMigration);
        Assert.Contains(outcome.Notes, n => n.Contains("empty-process time is held at 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrate_ALineBelowZeroAtTheOrigin_TakesTheSmallestMovesForTheEmptyProcessTime()
    {
        // Superlinear, as measured on a loaded 2-core host: 117 ms empty, 514 ms at 8 MiB, 3591 ms at 32 MiB.
        List<CalibrationSample> samples =
        [
            new(0, TimeSpan.FromMilliseconds(100)), new(0, TimeSpan.FromMilliseconds(134)),
            new(8 * Mib, TimeSpan.FromMilliseconds(514)), new(32 * Mib, TimeSpan.FromMilliseconds(3591)),
        ];

        var outcome = Calibrate(samples);

        Assert.True(outcome.Fit.Intercept < 0, "the data should tilt the line below zero");
        Assert.Equal(117_000 - 300, outcome.Overheads.EmptyMigration);
        Assert.Contains(outcome.Notes, n => n.Contains("mean of the 0-byte moves, 117000 µs", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrate_AnAbsurdLine_IsCappedAtTheLargestValueTheParserTakes()
    {
        var outcome = Calibrate([new(0, TimeSpan.FromDays(30)), new(4096, TimeSpan.FromDays(60))]);

        Assert.Equal(TunablesParser.MaxValue, outcome.Overheads.EmptyMigration);
        Assert.Equal(TunablesParser.MaxValue, outcome.Overheads.PerDirtyPage);
    }

    [Fact]
    public void Calibrate_OneSizeOnly_IsRefusedNamingTheFix()
    {
        var (outcome, error) = MigrationCalibration.Calibrate(Line(400_000, 2, 8 * Mib, 8 * Mib), Io, Current, CurrentMfs);

        Assert.Null(outcome);
        Assert.Contains("two different sizes", error, StringComparison.Ordinal);
        Assert.Contains("--sizes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_NoSamples_IsRefused()
    {
        var (outcome, error) = MigrationCalibration.Calibrate([], Io, Current, CurrentMfs);

        Assert.Null(outcome);
        Assert.Contains("0 sample(s) of no checkpoint bytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.PositiveInfinity)]
    [InlineData(-0.1, 1)]
    [InlineData(1, -3)]
    public void Calibrate_UnusableFileTimings_AreRefused(double read, double write)
    {
        var (outcome, error) = MigrationCalibration.Calibrate(Line(400_000, 2, 0, 8 * Mib), new FileIoCosts(read, write), Current, CurrentMfs);

        Assert.Null(outcome);
        Assert.Contains("file I/O timing is not usable", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_ANegativeSample_IsRefused()
    {
        var (outcome, error) = MigrationCalibration.Calibrate([new(0, TimeSpan.FromSeconds(1)), new(4096, TimeSpan.FromSeconds(-1))], Io, Current, CurrentMfs);

        Assert.Null(outcome);
        Assert.Contains("negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_Output_ParsesBackWithTheTunablesParser()
    {
        var outcome = Calibrate(Line(400_000, 2, 0, 8 * Mib, 32 * Mib));

        var overheads = TunablesParser.ParseOverheads(TunablesFormatter.Format(outcome.Overheads), "calibrate");
        var mfs = TunablesParser.ParseMfsCosts(TunablesFormatter.Format(outcome.MfsCosts), "calibrate");

        Assert.Equal(outcome.Overheads, overheads.Value);
        Assert.Equal(outcome.MfsCosts, mfs.Value);
    }

    [Fact]
    public void Calibrate_Property_MeasuredValuesArePositiveAndTheModelFollowsTheLine()
    {
        var gen =
            from intercept in Gen.Double[1_000, 5e6]
            from perKb in Gen.Double[10, 500]
            from read in Gen.Double[0, 2]
            from write in Gen.Double[0, 3]
            select (intercept, perKb, read, write);
        gen.Sample(c =>
        {
            var samples = Line(c.intercept, c.perKb, 0, 4 * Mib, 16 * Mib);
            var outcome = Calibrate(samples, new FileIoCosts(c.read, c.write));
            Assert.All(CalibrationOutcome.MeasuredOverheads, i => Assert.True(outcome.Overheads.ToValues()[i - 1] >= 1));
            Assert.All(CalibrationOutcome.MeasuredMfsCosts, i => Assert.True(outcome.MfsCosts.ToValues()[i - 1] >= 1));
            foreach (var s in samples)
            {
                // Whole microseconds: each value is off by at most 0.5 µs, per page or per KB.
                var pages = MigrationCostModel.DirtyPages(s.CheckpointBytes);
                var modelled = MigrationCostModel.MigrationCost(s.CheckpointBytes, outcome.Overheads, outcome.MfsCosts);
                Assert.InRange(modelled - s.Cost.TotalMicroseconds, -1 - (pages * 0.5), 1 + (pages * 0.5));
            }
        });
    }
}
