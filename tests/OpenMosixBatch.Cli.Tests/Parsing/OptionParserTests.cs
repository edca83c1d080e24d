using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Tests.Parsing;

public class OptionParserTests
{
    [Fact]
    public void Parse_QsubOptions_EveryOptionLandsInItsProperty()
    {
        var o = OptionParser.Parse<QsubOptions>("qsub", [
            "-N", "n", "-q", "q", "-l", "a", "-l", "b", "-o", "out", "-e", "err", "-j", "oe", "-t", "1-3", "-J", "4-5",
            "-W", "depend=afterok:1", "-h", "-p", "7", "-v", "A=1", "-v", "B", "-V", "-r", "n", "-d", "/w", "-w", "/w2",
        ], TextWriter.Null)!;

        Assert.Equal("n", o.Name);
        Assert.Equal("q", o.Queue);
        Assert.Equal(["a", "b"], o.ResourceLists);
        Assert.Equal("out", o.OutputPath);
        Assert.Equal("err", o.ErrorPath);
        Assert.Equal("oe", o.Join);
        Assert.Equal("1-3", o.ArrayRange);
        Assert.Equal("4-5", o.ArrayRangeAlias);
        Assert.Equal(["depend=afterok:1"], o.Attributes);
        Assert.True(o.Hold);
        Assert.Equal("7", o.Priority);
        Assert.Equal(["A=1", "B"], o.Variables);
        Assert.True(o.ExportEnvironment);
        Assert.Equal("n", o.Rerunnable);
        Assert.Equal("/w", o.WorkingDirectory);
        Assert.Equal("/w2", o.WorkingDirectoryAlias);
    }

    [Fact]
    public void Parse_NothingGiven_ScalarsAreNullSoDirectivesCanApply()
    {
        var o = OptionParser.Parse<QsubOptions>("qsub", [], TextWriter.Null)!;

        Assert.Null(o.Name);
        Assert.Null(o.Priority);
        Assert.Null(o.Rerunnable);
        Assert.False(o.Hold);
        Assert.Empty(o.ResourceLists);
    }

    [Fact]
    public void Parse_AttachedShortValue_IsRead()
    {
        Assert.Equal("mem=1gb", Assert.Single(OptionParser.Parse<QsubOptions>("qsub", ["-lmem=1gb"], TextWriter.Null)!.ResourceLists));
    }

    [Fact]
    public void Parse_UnknownOption_OneLineUsageError()
    {
        var e = Assert.Throws<CliFailureException>(() => OptionParser.Parse<QstatOptions>("qstat", ["-z"], TextWriter.Null));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Equal("unknown option -z: see 'qstat --help' for the options", e.Message);
    }

    [Theory]
    [InlineData("-N")]
    [InlineData("-l")]
    public void Parse_ValueOptionLastWithoutValue_UsageError(string option)
    {
        var e = Assert.Throws<CliFailureException>(() => OptionParser.Parse<QsubOptions>("qsub", [option], TextWriter.Null));

        Assert.Equal($"option {option} needs a value: see 'qsub --help'", e.Message);
    }

    [Fact]
    public void Parse_Help_PrintsOptionsToStdoutAndReturnsNull()
    {
        var stdout = new StringWriter();

        var o = OptionParser.Parse<QstatOptions>("qstat", ["--help"], stdout);

        Assert.Null(o);
        Assert.StartsWith("usage of qstat:", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("--json", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LinkWithoutDirectory_UsageError()
    {
        var e = Assert.Throws<CliFailureException>(() => OptionParser.Parse<LinkOptions>("link", [], TextWriter.Null));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ParseVerbless_Help_ListsEveryVerb()
    {
        var stdout = new StringWriter();

        OptionParser.ParseVerbless(["--help"], stdout);

        foreach (var verb in ArgvDispatch.AllVerbs)
        {
            Assert.Contains(verb, stdout.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ParseVerbless_UnknownVerb_NamesTheKnownOnes()
    {
        var e = Assert.Throws<CliFailureException>(() => OptionParser.ParseVerbless(["qsubb"], TextWriter.Null));

        Assert.Equal("unknown command 'qsubb': use one of qsub, qstat, qdel, qhold, qrls, pbsnodes, qselect, qsig, qrerun, qmove, tracejob, qalter, pbs_tmrsh, pbsdsh, link, server, up, node, demo, cron, tune, migrate, calibrate, backup, token, top, simulate, rsh, dsh, report", e.Message);
    }

    [Fact]
    public void Flags_AreExactlyTheBooleanOptionsOfQsub()
    {
        var flags = typeof(QsubOptions).GetProperties()
            .Where(p => p.PropertyType == typeof(bool))
            .Select(p => ((CommandLine.OptionAttribute)Attribute.GetCustomAttribute(p, typeof(CommandLine.OptionAttribute))!).ShortName)
            .Where(shortName => shortName.Length > 0) // long flags such as --run-home never take a separate value either
            .Select(shortName => shortName[0])
            .ToHashSet();

        Assert.True(flags.SetEquals(QsubOptions.Flags));
    }
}
