using CsCheck;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class ScheduleExpressionTests
{
    [Theory]
    [InlineData("0 2 * * *", ScheduleExpressionKind.Crontab, 5)]
    [InlineData("H H(0-3) * * *", ScheduleExpressionKind.Crontab, 5)]
    [InlineData("0 0 2 * * ?", ScheduleExpressionKind.Quartz, 6)]
    [InlineData("0 0 2 * * ? 2030", ScheduleExpressionKind.Quartz, 7)]
    [InlineData("@daily", ScheduleExpressionKind.Macro, 1)]
    [InlineData("@reboot", ScheduleExpressionKind.AtStartup, 1)]
    public void Parse_EachForm_IsToldByItsFieldCount(string text, ScheduleExpressionKind kind, int fields)
    {
        var result = ScheduleExpression.Parse(text);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(kind, result.Value!.Kind);
        Assert.Equal(fields, result.Value.Fields.Count);
    }

    [Theory]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@monthly")]
    [InlineData("@weekly")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@hourly")]
    public void Parse_EveryTimeMacro_IsAMacro(string macro) =>
        Assert.Equal(ScheduleExpressionKind.Macro, ScheduleExpression.Parse(macro).Value!.Kind);

    [Fact]
    public void Parse_UpperCaseMacro_IsNormalizedToLowerCase() => Assert.Equal("@daily", ScheduleExpression.Parse("@DAILY").Value!.Text);

    [Fact]
    public void Parse_ExtraBlanks_AreNormalizedToSingleSpaces() =>
        Assert.Equal("0 2 * * *", ScheduleExpression.Parse("  0\t2  *   * * ").Value!.Text);

    [Theory]
    [InlineData(null, "missing schedule")]
    [InlineData("", "missing schedule")]
    [InlineData("   ", "missing schedule")]
    [InlineData("0 2 * *", "has 4 fields")]
    [InlineData("0", "has 1 field:")]
    [InlineData("0 0 2 * * ? 2030 1", "has 8 fields")]
    [InlineData("@often", "unknown schedule macro '@often'")]
    [InlineData("@daily 0", "text after the macro @daily")]
    public void Parse_BadShape_SaysWhatIsWrongAndTheForms(string? text, string expected)
    {
        var result = ScheduleExpression.Parse(text);
        Assert.False(result.Ok);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("@", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ArbitraryText_NeverThrowsAndIsStableOnItsOwnOutput()
    {
        Gen.String.Sample(s =>
        {
            var first = ScheduleExpression.Parse(s);
            if (first.Ok)
            {
                var again = ScheduleExpression.Parse(first.Value!.Text);
                Assert.Equal(first.Value.Text, again.Value!.Text);
                Assert.Equal(first.Value.Kind, again.Value.Kind);
            }
        });
    }
}
