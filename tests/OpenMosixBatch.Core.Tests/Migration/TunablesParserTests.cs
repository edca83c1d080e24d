using CsCheck;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class TunablesParserTests
{
    private const string Source = "conf/overheads";

    [Theory]
    [InlineData("81 150 39 38 0 11 0 18 0 18 0 12 8141 351")]
    [InlineData("81\t150\t39\t38\t0\t11\t0\t18\t0\t18\t0\t12\t8141\t351\n")]
    [InlineData("  81 150\t 39 38\n0 11 0 18\r\n0 18 0 12\n8141 351\n\n")]
    [InlineData("# header\n81 150 39 38 0 11 0 18 0 18 0 12 8141 351\n# trailer")]
    [InlineData("81 150 # demand page\n39 38#syscall\n0 11 0 18 0 18 0 12 8141 351")]
    [InlineData("0081 150 39 38 0 11 0 18 0 18 0 12 8141 351")]
    public void ParseOverheads_DefaultsInAnyLayout_ReturnsDefaults(string text)
    {
        var r = TunablesParser.ParseOverheads(text, Source);

        Assert.True(r.Ok, r.Error);
        Assert.Equal(Overheads.Defaults, r.Value);
    }

    [Fact]
    public void ParseOverheads_IssueExample_SetsEmptyMigration()
    {
        var r = TunablesParser.ParseOverheads("81 150 39 38 0 11 0 18 0 18 0 12 10000 351", "omb tune set");

        Assert.True(r.Ok, r.Error);
        Assert.Equal(Overheads.Defaults with { EmptyMigration = 10000 }, r.Value);
    }

    [Fact]
    public void ParseOverheads_ValuesInOrder_MapToNamedProperties()
    {
        var r = TunablesParser.ParseOverheads("1 2 3 4 5 6 7 8 9 10 11 12 13 14", Source);

        Assert.True(r.Ok, r.Error);
        var o = r.Value!;
        Assert.Equal(
            new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 },
            new[]
            {
                o.HomeDemandPage, o.RemoteDemandPage, o.HomeSyscall, o.RemoteSyscall, o.HomeReadBase, o.HomeReadPerKb,
                o.RemoteReadBase, o.RemoteReadPerKb, o.HomeWriteBase, o.HomeWritePerKb, o.RemoteWriteBase,
                o.RemoteWritePerKb, o.EmptyMigration, o.PerDirtyPage,
            });
    }

    [Fact]
    public void ParseOverheads_NonNumberValue_NamesTheValueItsMeaningAndTheFix()
    {
        var r = TunablesParser.ParseOverheads("81 150 x 38 0 11 0 18 0 18 0 12 8141 351", Source);

        Assert.Equal(
            "value 3 (home-node overhead in processing a system call) in conf/overheads is 'x': use a non-negative integer number of microseconds",
            r.Error);
    }

    [Theory]
    [InlineData("81 150 39 -38 0 11 0 18 0 18 0 12 8141 351", "value 4 (remote overhead in processing a system call)", "'-38'")]
    [InlineData("81 150 39 38 0 11 0 18 0 18 0 12 8141 3.5", "value 14 (extra migration time per dirty page)", "'3.5'")]
    [InlineData("81 150 39 38 0 11 0 18 0 18 0 12 +8141 351", "value 13 (migration time of an empty process)", "'+8141'")]
    [InlineData("٨١ 150 39 38 0 11 0 18 0 18 0 12 8141 351", "value 1 (home-node overhead in processing a demand-page)", "'٨١'")]
    public void ParseOverheads_NotANonNegativeInteger_NamesTheValue(string text, string which, string quoted)
    {
        var r = TunablesParser.ParseOverheads(text, Source);

        Assert.False(r.Ok);
        Assert.StartsWith(which + " in conf/overheads is " + quoted, r.Error, StringComparison.Ordinal);
        Assert.EndsWith("use a non-negative integer number of microseconds", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("81 150 39 38 0 11 0 18 0 18 0 12 8141", 13)]
    [InlineData("81 150 39 38 0 11 0 18 0 18 0 12 8141 351 7", 15)]
    [InlineData("", 0)]
    [InlineData("# only a comment\n", 0)]
    [InlineData("81 150 39 38 0 11 0 18 0 18 0 12 81 41 351", 15)]
    public void ParseOverheads_WrongCount_SaysHowManyAndTheOrder(string text, int count)
    {
        var r = TunablesParser.ParseOverheads(text, Source);

        Assert.False(r.Ok);
        Assert.StartsWith($"conf/overheads has {count} values, expected 14 in the /proc/hpc/admin/overheads order, e.g.", r.Error, StringComparison.Ordinal);
        Assert.Contains("'81 150 39 38 0 11 0 18 0 18 0 12 8141 351'", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000000001", false)]
    [InlineData("99999999999999999999999999", false)]
    [InlineData("1000000000", true)]
    [InlineData("0000000000001000000000", true)]
    public void ParseOverheads_ValueAboveOneThousandSeconds_IsRefused(string value, bool ok)
    {
        var r = TunablesParser.ParseOverheads($"81 150 39 38 0 11 0 18 0 18 0 12 {value} 351", Source);

        Assert.Equal(ok, r.Ok);
        if (!ok)
        {
            Assert.StartsWith("value 13 (migration time of an empty process) in conf/overheads is ", r.Error, StringComparison.Ordinal);
            Assert.Contains("above the limit of 1000000000", r.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ParseOverheads_HugeText_IsRefusedWithoutTokenising()
    {
        var r = TunablesParser.ParseOverheads(new string('1', TunablesParser.MaxTextLength + 1), Source);

        Assert.False(r.Ok);
        Assert.StartsWith($"conf/overheads is {TunablesParser.MaxTextLength + 1} characters long", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOverheads_LongOrControlToken_IsQuotedOnOneLine()
    {
        var r = TunablesParser.ParseOverheads("81 150 39 38 0 11 0 18 0 18 0 12 8141 " + new string('z', 100) + "\u0001", Source);

        Assert.False(r.Ok);
        Assert.Contains("'" + new string('z', 24) + "…'", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0001', r.Error!);
        Assert.DoesNotContain('\n', r.Error!);
    }

    [Fact]
    public void ParseMfsCosts_Defaults_MapToNamedProperties()
    {
        var r = TunablesParser.ParseMfsCosts("36 40 14 19 88 56\n", "conf/mfscosts");

        Assert.True(r.Ok, r.Error);
        Assert.Equal(MfsCosts.Defaults, r.Value);
        Assert.Equal(new MfsCosts(ConnectServer: 36, ConnectClient: 40, PerKbInServer: 14, PerKbInClient: 19, PerKbOutServer: 88, PerKbOutClient: 56), r.Value);
    }

    [Theory]
    [InlineData("36 40 14 19 88", "conf/mfscosts has 5 values, expected 6 in the order connect server")]
    [InlineData("36 40 14 19 88 y", "value 6 (oMFS client overhead per 1 KB out) in conf/mfscosts is 'y': use a non-negative integer number of microseconds")]
    [InlineData("36 40 14 19 88 56 1", "conf/mfscosts has 7 values, expected 6")]
    public void ParseMfsCosts_Invalid_NamesTheProblem(string text, string start)
    {
        var r = TunablesParser.ParseMfsCosts(text, "conf/mfscosts");

        Assert.False(r.Ok);
        Assert.StartsWith(start, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOverheads_ArbitraryText_NeverThrows() =>
        Gen.String.Sample(s => { TunablesParser.ParseOverheads(s, Source); });

    [Fact]
    public void ParseMfsCosts_ArbitraryText_NeverThrows() =>
        Gen.String.Sample(s => { TunablesParser.ParseMfsCosts(s, "conf/mfscosts"); });

    [Fact]
    public void ParseOverheads_ArbitraryNumberLists_NeverThrowAndErrorsAreOneLine() =>
        Gen.OneOf(Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.String["0123456789-+ #\t\n"])
            .Array[0, 20]
            .Select(a => string.Join(' ', a))
            .Sample(s =>
            {
                var r = TunablesParser.ParseOverheads(s, Source);
                return r.Ok || (!r.Error!.Contains('\n', StringComparison.Ordinal) && r.Error.Length > 0);
            });

    [Fact]
    public void FormatThenParse_Overheads_RoundTrips() =>
        Gen.Long[0, TunablesParser.MaxValue].Array[Overheads.Count].Sample(values =>
        {
            var o = Overheads.FromValues(values);
            return TunablesParser.ParseOverheads(TunablesFormatter.Format(o), Source).Value == o
                && TunablesParser.ParseOverheads(TunablesFormatter.FormatFile(o), Source).Value == o;
        });

    [Fact]
    public void FormatThenParse_MfsCosts_RoundTrips() =>
        Gen.Long[0, TunablesParser.MaxValue].Array[MfsCosts.Count].Sample(values =>
        {
            var c = MfsCosts.FromValues(values);
            return TunablesParser.ParseMfsCosts(TunablesFormatter.Format(c), "x").Value == c
                && TunablesParser.ParseMfsCosts(TunablesFormatter.FormatFile(c), "x").Value == c;
        });
}
