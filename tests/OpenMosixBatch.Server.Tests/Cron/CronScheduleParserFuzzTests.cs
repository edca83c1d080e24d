using CsCheck;
using OpenMosixBatch.Server.Cron;
using OpenMosixBatch.Server.Tests.Api;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>
/// The cron parser (Quartz behind it) given anything: it returns a schedule or one short line (a ParseResult is its
/// documented error channel; nothing Quartz throws escapes), finishes within CsCheck's iteration counts, and an
/// accepted schedule parses again from its own Quartz expression to the same fire times.
/// </summary>
public sealed class CronScheduleParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "*", "?", "/", ",", "-", "H", "H(", ")", "H(0-3)", "H(5-1)", "H/", "L", "W", "#", "LW", "L-3", "0", "1", "5", "7", "12", "23", "24",
        "31", "32", "59", "60", "99", "1970", "2099", "2300", "9999", "2147483648", "99999999999999999999", "JAN", "FEB", "MON", "SUN",
        "@daily", "@reboot", "@bogus", " ", "\t", "\n", "\u0000", "😀", "٣",
    ];

    private static readonly Gen<string> Expressions = Gen.Frequency(
        (6, Gen.OneOfConst(Tokens).Array[0, 20].Select(string.Concat)),
        (2, Gen.OneOfConst(Tokens).Array[1, 4].Select(string.Concat).Array[5, 7].Select(f => string.Join(' ', f))),
        (1, Gen.String),
        (1, Gen.OneOfConst(Tokens).Array[0, 1000].Select(string.Concat)));

    private static readonly Gen<string?> Zones = Gen.OneOfConst<string?>(null, "Europe/Berlin", "UTC", "europe/berlin", "", "../etc/passwd", "Mars/Olympus", "\n", "America/Argentina/Buenos_Aires");

    public static TheoryData<string> CorpusFiles() => ApiCorpus.Files("cron");

    [Fact]
    public void Parse_AnyExpressionAndZone_ReturnsOrRefusesOnOneShortLine() =>
        Gen.Select(Gen.OneOfConst("nightly", "a", "x.y-z"), Expressions, Zones).Sample((name, expression, zone) =>
            AssertParsesOrRefusesOnOneLine(name, expression, zone), iter: 3000);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Parse_CorpusCase_ReturnsOrRefusesOnOneShortLine(string file) =>
        AssertParsesOrRefusesOnOneLine("nightly", ApiCorpus.Read("cron", file), "Europe/Berlin");

    [Fact]
    public void Parse_AcceptedSchedule_ItsQuartzExpressionFiresAtTheSameTimes() =>
        Gen.Select(Gen.OneOfConst("*", "0", "H", "H(0-3)", "*/15", "1-5", "1,15").Array[5], Gen.OneOfConst("nightly", "b")).Sample((fields, name) =>
        {
            var first = CronScheduleParser.Parse(name, string.Join(' ', fields), "UTC");
            if (!first.Ok || first.Value!.QuartzExpression is not { } quartz)
            {
                return;
            }

            var again = CronScheduleParser.Parse(name, quartz, "UTC");
            Assert.True(again.Ok, $"{quartz}: {again.Error}");
            var from = DateTimeOffset.UnixEpoch.AddYears(56);
            Assert.Equal(first.Value.NextFireTimes(from, 5), again.Value!.NextFireTimes(from, 5));
        }, iter: 500);

    private static void AssertParsesOrRefusesOnOneLine(string name, string expression, string? zone)
    {
        var r = CronScheduleParser.Parse(name, expression, zone);
        if (r.Ok)
        {
            r.Value!.NextFireTimes(DateTimeOffset.UnixEpoch.AddYears(56), 3);
            return;
        }

        Assert.False(string.IsNullOrWhiteSpace(r.Error));
        Assert.True(r.Error!.Length <= 1000, $"error of {r.Error.Length} characters");
        Assert.False(r.Error.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'), $"error spans lines: {r.Error}");
    }
}
