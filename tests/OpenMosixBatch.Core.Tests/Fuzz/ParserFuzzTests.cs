using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Fuzz;

/// <summary>
/// Hostile input is harmless: every Core parser, given anything, returns (never throws: a ParseResult is its documented
/// error channel), finishes within CsCheck's iteration counts on inputs up to 10,000 characters, refuses with one short
/// line, and where a formatter exists, parse → format → parse gives the same value.
/// </summary>
public sealed class ParserFuzzTests
{
    /// <summary>Longest error accepted: enough for the problem, the fix and an example, whatever the input's length.</summary>
    public const int MaxErrorLength = 640;

    private const int Iterations = 3000;

    /// <summary>The pieces the grammars are made of, and the characters and numbers that break naive parsers.</summary>
    private static readonly string[] Tokens =
    [
        "=", ":", ",", "-", "%", "+", "#", "#!", "#PBS", "#OMB", "\n", "\r\n", "\r", "\t", " ", "'", "\"", "\\", "@", "*", "/", "?",
        "(", ")", "H", "H(0-3)", "0", "1", "7", "24", "59", "60", "-1", "4095", "4096", "100000", "99999999999999999999",
        "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "nodes", "ppn", "select", "ncpus", "mem",
        "pmem", "walltime", "migratable", "depend", "afterok", "afterany", "afternotok", "periodic", "signal", "exit",
        "enabled", "n", "none", "USR1", "SIGKILL", "b", "kb", "mb", "gb", "tb", "pb", "w", "@daily", "@reboot", "TIMEZONE",
        "OVERLAP", "MISFIRE", "#PAUSED:", "--", "-l", "-N", "\u0000", "\u0085", "\u2028", "é", "٣", "\uD800", "\uDC00", "😀",
    ];

    private static readonly Gen<string> TokenSoup = Gen.OneOfConst(Tokens).Array[0, 40].Select(string.Concat);

    private static readonly Gen<string> LongText = Gen.OneOf(
        Gen.Char.Array[0, 10_000].Select(a => new string(a)),
        Gen.OneOfConst(Tokens).Array[0, 2_000].Select(string.Concat));

    /// <summary>Random text, grammar pieces in random order, and long inputs.</summary>
    public static readonly Gen<string> AnyInput = Gen.Frequency((3, Gen.String), (6, TokenSoup), (1, LongText));

    public static TheoryData<string> ParserNames() => [.. ParserCatalog.Parsers.Keys];

    public static TheoryData<string, string> CorpusCases() => Corpus.Cases(ParserCatalog.Parsers.Keys);

    [Theory]
    [MemberData(nameof(ParserNames))]
    public void Parse_AnyInput_ReturnsOrRefusesOnOneShortLine(string parser) =>
        AnyInput.Sample(s => AssertRefusalsAreOneLine(parser, s), iter: Iterations);

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Parse_CorpusCase_ReturnsOrRefusesOnOneShortLineAndRoundTrips(string parser, string file)
    {
        var input = Corpus.Read(parser, file);
        AssertRefusalsAreOneLine(parser, input);
        if (ParserCatalog.RoundTrips.TryGetValue(parser, out var roundTrip))
        {
            Assert.Null(roundTrip(input));
        }
    }

    [Fact]
    public void Corpus_HasACaseForEveryParser() =>
        Assert.All(ParserCatalog.Parsers.Keys, p => Assert.True(CorpusCases().Any(c => (string)c[0] == p), $"no corpus case for {p}"));

    [Fact]
    public void ArrayRange_ParseFormatParse_RoundTrips() =>
        RoundTrips(ArrayRangeParser.Parse, ArrayRangeParser.Format, (a, b) => a.Indices.SequenceEqual(b.Indices) && a.MaxConcurrent == b.MaxConcurrent,
            Gen.OneOfConst("1", "3", "0", "10", "250", "-", ",", ":", "2", "%", "%3").Array[1, 12].Select(string.Concat));

    [Fact]
    public void Size_ParseFormatParse_RoundTrips() =>
        RoundTrips(SizeParser.Parse, SizeParser.Format, (a, b) => a == b,
            Gen.Select(Gen.Long[0, long.MaxValue], Gen.OneOfConst("", "b", "kb", "mb", "gb", "tb", "pb", "w", "kw", "gw", "K", "MB"))
                .Select((n, unit) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + unit));

    [Fact]
    public void Walltime_ParseFormatParse_RoundTrips() =>
        RoundTrips(WalltimeParser.Parse, WalltimeParser.Format, (a, b) => a == b,
            Gen.OneOfConst("0", "1", "5", "23", "59", "60", "99", "999999999999", ":", "-").Array[1, 7].Select(string.Concat));

    [Fact]
    public void CpuList_ParseFormatParse_RoundTrips() =>
        RoundTrips(CpuListParser.Parse, CpuListParser.Format, (a, b) => a.SequenceEqual(b),
            Gen.OneOfConst("0", "1", "3", "7", "4095", "-", ",", " ").Array[1, 10].Select(string.Concat));

    [Fact]
    public void Checkpoint_ParseFormatParse_RoundTrips() =>
        RoundTrips(CheckpointPolicyParser.Parse, CheckpointPolicyParser.Format, (a, b) => a == b,
            Gen.OneOfConst("n", "enabled", "periodic=5", "periodic=525600", "signal=USR2", "signal=SIGTERM", "signal=10", "signal=64", "exit=1", "exit=85", "exit=255", ",")
                .Array[1, 5].Select(string.Concat));

    [Fact]
    public void ScheduleExpression_ParseFormatParse_RoundTrips() =>
        RoundTrips(ScheduleExpression.Parse, e => e.Text, (a, b) => a == b || (a.Text == b.Text && a.Kind == b.Kind && a.Fields.SequenceEqual(b.Fields)),
            Gen.OneOfConst("*", "0", "H", "H(0-3)", "*/5", "?", "@daily", "@REBOOT", " ", "\t", "1-5").Array[1, 9].Select(string.Concat));

    [Fact]
    public void Dependency_ParseFormatParse_RoundTrips() =>
        RoundTrips(DependencyParser.ParseAttributes, ds => "depend=" + string.Join(',', ds), (a, b) => a.SequenceEqual(b),
            Gen.OneOfConst("depend=", "afterok", "afterany", "AFTERNOTOK", ":", "12", "13.host", "14[]", ",", " ").Array[1, 10].Select(string.Concat));

    [Fact]
    public void Crontab_ParseFormatParse_RoundTrips() =>
        Gen.OneOfConst(
                "nightly 0 2 * * * -- jobs/a.sh\n", "spread H H(0-3) * * * -- -l mem=2gb 'my job.sh' x\n", "TIMEZONE=Europe/Berlin\n",
                "OVERLAP=queue\n", "MISFIRE=skip\n", "#PAUSED: weekly @weekly -- w.sh\n", "# comment\n", "bad line\n", "tick */5 * * * * ? -- \"a b\" -- c\n",
                "TIMEZONE=\n", "x @reboot -- \\\"q\n")
            .Array[1, 8].Select(string.Concat)
            .Sample(text =>
            {
                var first = CrontabFile.Parse(text);
                var again = CrontabFile.Parse(CrontabFile.Format(first.Entries));
                Assert.Empty(again.Errors);
                Assert.Equal(first.Entries.Select(Comparable), again.Entries.Select(Comparable));
            }, iter: Iterations);

    /// <summary>Throws (failing the property with the input shrunk) when a refusal is empty, spans lines, or is long.</summary>
    private static void AssertRefusalsAreOneLine(string parser, string input)
    {
        foreach (var error in ParserCatalog.Parsers[parser](input))
        {
            Assert.False(string.IsNullOrWhiteSpace(error), $"{parser}: empty error");
            Assert.True(error.Length <= MaxErrorLength, $"{parser}: error of {error.Length} characters: {error[..Math.Min(200, error.Length)]}");
            Assert.DoesNotContain(error, c => char.IsControl(c) || c is '\u2028' or '\u2029');
        }
    }

    private static void RoundTrips<T>(Func<string, ParseResult<T>> parse, Func<T, string> format, Func<T, T, bool> same, Gen<string> inputs) =>
        Gen.Frequency((4, inputs), (1, AnyInput)).Sample(s =>
        {
            if (ParserCatalog.RoundTrip(s, parse, format, same) is { } failure)
            {
                Assert.Fail($"'{s}': {failure}");
            }
        }, iter: Iterations);

    private static string Comparable(CrontabEntry e) =>
        $"{e.Name}|{e.Expression}|{e.TimeZoneId}|{e.Overlap}|{e.Misfire}|{e.Paused}|{string.Join('\u0001', e.SubmitArguments)}";
}
