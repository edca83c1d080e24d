using CsCheck;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class WalltimeParserTests
{
    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("90:00", 5400)]
    [InlineData("01:30:00", 5400)]
    [InlineData("100:00:00", 360000)]
    [InlineData("1:02:03:04", 93784)]
    [InlineData("2-12", 216000)]
    [InlineData("2-12:30", 217800)]
    [InlineData("2-12:30:15", 217815)]
    [InlineData("0-0:0:1", 1)]
    public void Parse_ValidForms_ReturnsDuration(string text, int seconds)
    {
        var r = WalltimeParser.Parse(text);

        Assert.True(r.Ok, r.Error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), r.Value);
    }

    [Theory]
    [InlineData("00:00:00", "zero")]
    [InlineData("abc", "abc")]
    [InlineData("1:2:3:4:5", "too many")]
    [InlineData("-5", "days")]
    [InlineData("", "empty")]
    public void Parse_Invalid_FailsSayingWhy(string text, string why)
    {
        var r = WalltimeParser.Parse(text);

        Assert.False(r.Ok);
        Assert.Contains(why, r.Error, StringComparison.Ordinal);
        Assert.Contains("walltime", r.Error, StringComparison.Ordinal);
    }

    /// <summary>PBS adds the fields up whatever their size: 00:00:60 was refused while 90:00 was accepted.</summary>
    [Theory]
    [InlineData("00:00:60", 60)]
    [InlineData("99:99", 6039)]
    [InlineData("01:60:00", 7200)]
    [InlineData("1:24:00:00", 172800)]
    [InlineData("2-24", 259200)]
    [InlineData("2-12:60", 219600)]
    public void Parse_FieldAboveItsUsualRange_AddsItUp(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WalltimeParser.Parse(text).Value);

    [Fact]
    public void Parse_FieldsAnySize_EqualsTheirSum() =>
        Gen.Select(Gen.Int[0, 200], Gen.Int[0, 200], Gen.Int[1, 200]).Sample((h, m, s) =>
            WalltimeParser.Parse($"{h}:{m}:{s}").Value == TimeSpan.FromSeconds((h * 3600) + (m * 60) + s));

    [Fact]
    public void Parse_ArbitraryText_NeverThrows() => Gen.String.Sample(s => { WalltimeParser.Parse(s); });

    [Fact]
    public void Format_ThenParse_RoundTrips() =>
        Gen.Int[1, 10_000_000].Sample(s => WalltimeParser.Parse(WalltimeParser.Format(TimeSpan.FromSeconds(s))).Value == TimeSpan.FromSeconds(s));

    [Theory]
    [InlineData("239923591601", 239923591601L)]
    [InlineData("461168601842", 461168601842L)]
    [InlineData("5337:23:59:59", (5337L * 86400) + 86399)]
    public void Parse_LongWalltime_KeepsEverySecond(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond), WalltimeParser.Parse(text).Value);
}
