using System.Globalization;
using CsCheck;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class ProcessStatParserTests
{
    // A real line (bash, from a Debian 12 host): 52 fields, a trailing newline.
    private const string Bash =
        "4242 (bash) S 4200 4242 4200 34816 4300 4194560 1234 5678 0 0 250 50 3 1 20 0 1 0 259286 9150464 1290 "
        + "18446744073709551615 94000000000000 94000000900000 140730000000000 0 0 0 65536 3670020 1266777851 1 0 0 17 1 0 0 0 0 0 "
        + "94000001000000 94000001040000 94000002000000 140730000001000 140730000001010 140730000001010 140730000003000 0\n";

    [Fact]
    public void Parse_RealLine_ReadsEveryField()
    {
        var stat = ProcessStatParser.Parse(Bash);

        Assert.Equal(new ProcessStat('S', 4200, 4242, 300, 259286), stat);
        Assert.True(stat.IsLive);
    }

    [Theory]
    [InlineData("my cmd")]
    [InlineData("a) R 1 2 3")]
    [InlineData("(x)")]
    [InlineData(")")]
    [InlineData("((")]
    [InlineData("")]
    [InlineData(") S 9 9 9 9 9 9 9 9 9 9 77 77 9 9 9 9 9 9 999 9")]
    public void Parse_CommandWithSpacesAndParentheses_ReadsTheFieldsAfterTheLastParenthesis(string command)
    {
        var stat = ProcessStatParser.Parse(Line(command, 'R', parent: 7828, group: 7800, user: 10, system: 5, start: 123456));

        Assert.Equal(new ProcessStat('R', 7828, 7800, 15, 123456), stat);
    }

    [Theory]
    [InlineData('Z', false)]
    [InlineData('X', false)]
    [InlineData('R', true)]
    [InlineData('S', true)]
    [InlineData('D', true)]
    [InlineData('T', true)]
    [InlineData('I', true)]
    public void IsLive_ZombieOrDead_IsFalse(char state, bool live) =>
        Assert.Equal(live, ProcessStatParser.Parse(Line("x", state)).IsLive);

    [Fact]
    public void Parse_LargestTickCounts_AreKept()
    {
        var stat = ProcessStatParser.Parse(Line("x", 'R', user: long.MaxValue, system: 1, start: long.MaxValue));

        Assert.Equal((ulong)long.MaxValue + 1, stat.CpuTicks);
        Assert.Equal((ulong)long.MaxValue, stat.StartTicks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4242")]
    [InlineData("4242 bash S 4200 4242 4200 0 0 0 0 0 0 0 250 50 0 0 20 0 1 0 259286")]
    [InlineData("4242 bash) S 4200 4242 4200 0 0 0 0 0 0 0 250 50 0 0 20 0 1 0 259286")]
    [InlineData("4242 (bash")]
    [InlineData("4242 (bash) S 4200 4242 4200 0 0 0 0 0 0 0 250 50 0 0 20 0 1 0")]
    [InlineData("4242 (bash) SS 4200 4242 4200 0 0 0 0 0 0 0 250 50 0 0 20 0 1 0 259286")]
    [InlineData("4242 (bash) S -1 4242 4200 0 0 0 0 0 0 0 250 50 0 0 20 0 1 0 259286")]
    [InlineData("4242 (bash) S 4200 x 4200 0 0 0 0 0 0 0 250 50 0 0 20 0 1 0 259286")]
    [InlineData("4242 (bash) S 4200 4242 4200 0 0 0 0 0 0 0 2.5 50 0 0 20 0 1 0 259286")]
    [InlineData("4242 (bash) S 4200 4242 4200 0 0 0 0 0 0 0 250 -50 0 0 20 0 1 0 259286")]
    [InlineData("4242 (bash) S 4200 4242 4200 0 0 0 0 0 0 0 250 50 0 0 20 0 1 0 99999999999999999999")]
    public void TryParse_NotAStatLine_IsNull(string? text) => Assert.Null(ProcessStatParser.TryParse(text));

    [Fact]
    public void Parse_NotAStatLine_ThrowsFormatExceptionNamingTheFile() =>
        Assert.Contains("/proc/PID/stat", Assert.Throws<FormatException>(() => ProcessStatParser.Parse("4242 (bash")).Message, StringComparison.Ordinal);

    [Fact]
    public void TryParse_AnyText_NeverThrows() =>
        Gen.String.Sample(s => { ProcessStatParser.TryParse(s); });

    [Fact]
    public void TryParse_AnyCommandAndFields_RoundTrips() =>
        Gen.Select(Gen.String[Gen.Char["ab9 ()\n"], 0, 16],
                Gen.Select(Gen.Char["RSDZTXI"], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]),
                Gen.Select(Gen.Long[0, long.MaxValue / 2], Gen.Long[0, long.MaxValue / 2], Gen.Long[0, long.MaxValue]))
            .Sample((command, ids, ticks) =>
                ProcessStatParser.TryParse(Line(command, ids.Item1, ids.Item2, ids.Item3, ticks.Item1, ticks.Item2, ticks.Item3))
                == new ProcessStat(ids.Item1, ids.Item2, ids.Item3, (ulong)(ticks.Item1 + ticks.Item2), (ulong)ticks.Item3));

    /// <summary>A /proc/PID/stat line with the given command and fields, the others as the kernel writes them.</summary>
    private static string Line(string command, char state, int parent = 1, int group = 1, long user = 0, long system = 0, long start = 1) =>
        string.Create(CultureInfo.InvariantCulture,
            $"4242 ({command}) {state} {parent} {group} {group} 0 -1 4194304 97 0 0 0 {user} {system} 0 0 20 0 1 0 {start} 3133440 410 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
}
