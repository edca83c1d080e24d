using System.Text;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Submission;

public class QsubRequestMapperTests
{
    private static readonly QsubContext Context = new(
        "/home/alice/work",
        "h1",
        "alice",
        new Dictionary<string, string>
        {
            ["HOME"] = "/home/alice",
            ["PATH"] = "/usr/bin:/bin",
            ["SHELL"] = "/bin/bash",
            ["FOO"] = "foo-value",
        });

    private static QsubOptions Options(params string[] args) => OptionParser.Parse<QsubOptions>("qsub", args, TextWriter.Null)!;

    private static JobSpec Command(params string[] args)
    {
        var split = QsubArgumentSplitter.Split(args);
        return QsubRequestMapper.Map(Options([.. split.OptionTokens]), QsubSource.CommandLine(split.Command!), Context);
    }

    private static JobSpec Script(string script, params string[] args) =>
        QsubRequestMapper.Map(Options(args), QsubSource.ScriptFile("jobs/run.sh", Encoding.UTF8.GetBytes(script), ["a1"]), Context);

    private static CliFailureException Fails(Func<JobSpec> map)
    {
        var e = Assert.Throws<CliFailureException>(() => map());
        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(':', e.Message);
        return e;
    }

    [Fact]
    public void Map_CommandWithNoOptions_Defaults()
    {
        var spec = Command("--", "/bin/sleep", "10");

        Assert.Equal("sleep", spec.Name);
        Assert.Equal(JobSpec.DefaultQueue, spec.Queue);
        Assert.Equal(0, spec.Priority);
        Assert.Null(spec.Script);
        Assert.Equal(["/bin/sleep", "10"], spec.Command);
        Assert.Empty(spec.Arguments);
        Assert.Equal("/home/alice/work", spec.WorkingDirectory);
        Assert.Equal("/home/alice/work", spec.SubmitDirectory);
        Assert.Equal(ResourceRequest.Default, spec.Resources);
        Assert.Null(spec.OutputPath);
        Assert.Null(spec.ErrorPath);
        Assert.Equal(JoinMode.None, spec.Join);
        Assert.Null(spec.Array);
        Assert.Empty(spec.Dependencies);
        Assert.False(spec.Held);
        Assert.True(spec.Rerunnable);
    }

    [Fact]
    public void Map_Defaults_EnvironmentHasThePbsOriginVariablesOnly()
    {
        var spec = Command("--", "true");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PBS_O_HOME"] = "/home/alice",
                ["PBS_O_PATH"] = "/usr/bin:/bin",
                ["PBS_O_LOGNAME"] = "alice",
                ["PBS_O_SHELL"] = "/bin/bash",
                ["PBS_O_HOST"] = "h1",
            },
            spec.Environment);
    }

    [Fact]
    public void Map_ExportAll_CopiesTheWholeEnvironmentToo()
    {
        var spec = Command("-V", "--", "true");

        Assert.Equal("foo-value", spec.Environment["FOO"]);
        Assert.Equal("/usr/bin:/bin", spec.Environment["PATH"]);
        Assert.Equal("h1", spec.Environment["PBS_O_HOST"]);
    }

    [Fact]
    public void Map_TorqueNodeExclusive_OnTheCommandLineOrAsADirective_IsPlaceExcl()
    {
        Assert.Equal(PlacementSharing.Exclusive, Command("-n", "--", "/bin/true").Resources.Sharing);
        Assert.Equal(PlacementSharing.Exclusive, Script("#PBS -n\n#PBS -l nodes=1:ppn=2\necho hi\n").Resources.Sharing);
        Assert.Equal(PlacementSharing.Exclusive, Command("-nh", "--", "/bin/true").Resources.Sharing);
        Assert.NotEqual(PlacementSharing.Exclusive, Command("--", "/bin/true").Resources.Sharing);
    }

    [Fact]
    public void Map_SeveralBadDirectives_OneRefusalNamesEachWithItsLine()
    {
        const string Body = "#!/bin/bash\n#PBS -N ok\n#PBS -l walltime=abc\n\n#PBS -j sideways\n#PBS -q 'open\n#PBS -N two words\necho hi\n";

        var e = Assert.Throws<CliFailureException>(() => Script(Body, "-p", "5000"));

        var lines = e.Message.Split('\n');
        Assert.StartsWith("5 problems", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("script line 3", StringComparison.Ordinal) && l.Contains("walltime", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("script line 5", StringComparison.Ordinal) && l.Contains("-j", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("script line 6", StringComparison.Ordinal) && l.Contains("quote", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("script line 7", StringComparison.Ordinal) && l.Contains("stray 'words'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  command line: ", StringComparison.Ordinal) && l.Contains("priority", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_OneBadDirective_IsOneLineNamingIt()
    {
        var e = Fails(() => Script("#PBS -l walltime=01:00:00\n#PBS -l nodes=1:ppn=0\n"));

        Assert.StartsWith("script line 2 ('#PBS -l nodes=1:ppn=0')", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Regression: an existing directory given without a trailing '/' was taken as the output file's name.</summary>
    [Fact]
    public void Map_OutputPathNamingAnExistingDirectory_EndsInSlashSoNameDotOIdGoesInside()
    {
        var context = Context with { IsDirectory = p => p == "/home/alice/work/logs" };
        var spec = QsubRequestMapper.Map(Options("-o", "logs", "-e", "logs/err.txt"), QsubSource.CommandLine(["x"]), context);

        Assert.Equal("/home/alice/work/logs/", spec.OutputPath);
        Assert.Equal("/home/alice/work/logs/err.txt", spec.ErrorPath);
    }

    [Fact]
    public void Map_ScalarOptions_EachLandsInTheSpec()
    {
        var spec = Command("-N", "named", "-q", "fast@server", "-p", "-7", "-o", "out/o.txt", "-e", "h1:/abs/e.txt", "-j", "eo", "-h", "-r", "n", "-d", "sub", "--", "x");

        Assert.Equal("named", spec.Name);
        Assert.Equal("fast", spec.Queue);
        Assert.Equal(-7, spec.Priority);
        Assert.Equal("/home/alice/work/out/o.txt", spec.OutputPath);
        Assert.Equal("/abs/e.txt", spec.ErrorPath);
        Assert.Equal(JoinMode.ErrorAndOutput, spec.Join);
        Assert.True(spec.Held);
        Assert.False(spec.Rerunnable);
        Assert.Equal("/home/alice/work/sub", spec.WorkingDirectory);
        Assert.Equal("/home/alice/work", spec.SubmitDirectory);
    }

    [Theory]
    [InlineData("oe", JoinMode.OutputAndError)]
    [InlineData("eo", JoinMode.ErrorAndOutput)]
    [InlineData("n", JoinMode.None)]
    public void Map_Join_AllThreeSpellings(string join, JoinMode expected)
    {
        Assert.Equal(expected, Command("-j", join, "--", "x").Join);
    }

    [Fact]
    public void Map_WorkingDirectoryAliasAndTilde_Resolved()
    {
        Assert.Equal("/home/alice/scratch", Command("-w", "~/scratch", "--", "x").WorkingDirectory);
        Assert.Equal("/abs", Command("-d", "/abs", "-w", "/other", "--", "x").WorkingDirectory);
    }

    [Theory]
    [InlineData("-p", "1024", "-p")]
    [InlineData("-p", "-1025", "-p")]
    [InlineData("-p", "high", "-p")]
    [InlineData("-j", "oo", "-j")]
    [InlineData("-r", "maybe", "-r")]
    [InlineData("-q", "@server", "queue name")]
    [InlineData("-q", "no.dots", "queue name")]
    [InlineData("-N", "two words", "job name")]
    [InlineData("-N", "a/b", "job name")]
    public void Map_BadScalar_UsageErrorNamingWhatIsWrong(string option, string value, string named)
    {
        var e = Fails(() => Command(option, value, "--", "x"));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1024")]
    [InlineData("1023")]
    public void Map_PriorityBounds_Accepted(string priority)
    {
        Assert.Equal(int.Parse(priority, System.Globalization.CultureInfo.InvariantCulture), Command("-p", priority, "--", "x").Priority);
    }

    [Fact]
    public void Map_EmptyCommand_UsageError()
    {
        Assert.Contains("empty command", Fails(() => Command("--")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_BinaryScript_UsageError()
    {
        var e = Fails(() => QsubRequestMapper.Map(Options(), QsubSource.ScriptFile("a.out", [0x7f, (byte)'E', 0, 1], []), Context));

        Assert.Contains("binary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_InvalidUtf8Script_UsageError()
    {
        Fails(() => QsubRequestMapper.Map(Options(), QsubSource.Stdin([(byte)'e', 0xC3, 0x28]), Context));
    }

    [Fact]
    public void Map_EmptyScript_UsageError()
    {
        Fails(() => QsubRequestMapper.Map(Options(), QsubSource.Stdin(Encoding.UTF8.GetBytes("  \n")), Context));
    }

    [Fact]
    public void Map_Script_NameIsTheFileNameAndArgumentsPassThrough()
    {
        var spec = Script("#!/bin/sh\necho hi\n");

        Assert.Equal("run.sh", spec.Name);
        Assert.Equal("#!/bin/sh\necho hi\n", spec.Script);
        Assert.Equal(["a1"], spec.Arguments);
        Assert.Empty(spec.Command);
    }

    [Fact]
    public void Map_ScriptOnStdin_NamedStdin()
    {
        var spec = QsubRequestMapper.Map(Options(), QsubSource.Stdin(Encoding.UTF8.GetBytes("echo hi\n")), Context);

        Assert.Equal(QsubRequestMapper.StdinJobName, spec.Name);
        Assert.Equal("echo hi\n", spec.Script);
    }

    [Fact]
    public void Map_ByteOrderMark_Stripped()
    {
        var spec = QsubRequestMapper.Map(Options(), QsubSource.Stdin([0xEF, 0xBB, 0xBF, (byte)'e', (byte)'\n']), Context);

        Assert.Equal("e\n", spec.Script);
    }

    [Fact]
    public void Map_Directives_AppliedWhenTheCommandLineIsSilent()
    {
        var spec = Script("#!/bin/sh\n#PBS -N fromdir\n#PBS -q slow -p 5\n#OMB -j oe\n#PBS -h\necho hi\n");

        Assert.Equal("fromdir", spec.Name);
        Assert.Equal("slow", spec.Queue);
        Assert.Equal(5, spec.Priority);
        Assert.Equal(JoinMode.OutputAndError, spec.Join);
        Assert.True(spec.Held);
    }

    [Fact]
    public void Map_CommandLine_OverridesDirectives()
    {
        var spec = Script("#!/bin/sh\n#PBS -N fromdir\n#PBS -p 5\n#PBS -r n\necho hi\n", "-N", "fromcli", "-p", "1", "-r", "y");

        Assert.Equal("fromcli", spec.Name);
        Assert.Equal(1, spec.Priority);
        Assert.True(spec.Rerunnable);
    }

    [Fact]
    public void Map_ResourceLists_DirectivesFirstThenCommandLine()
    {
        var spec = Script("#!/bin/sh\n#PBS -l nodes=1:ppn=2,mem=1gb\n#PBS -l walltime=01:00:00\necho\n", "-l", "mem=4gb");

        Assert.Equal(new ResourceRequest(1, 2, 4L << 30, TimeSpan.FromHours(1)), spec.Resources);
    }

    [Fact]
    public void Map_ArrayAndDependencyAndVariables_ParsedByCore()
    {
        var spec = Command("-t", "1-3%2", "-W", "depend=afterok:12:13", "-W", "depend=afterany:14", "-v", "A=1,FOO", "--", "x");

        Assert.Equal([1, 2, 3], spec.Array!.Indices);
        Assert.Equal(2, spec.Array.MaxConcurrent);
        Assert.Equal(
            [new Dependency(DependencyType.AfterOk, 12), new Dependency(DependencyType.AfterOk, 13), new Dependency(DependencyType.AfterAny, 14)],
            spec.Dependencies);
        Assert.Equal("1", spec.Environment["A"]);
        Assert.Equal("foo-value", spec.Environment["FOO"]);
    }

    [Fact]
    public void Map_PbsProArraySpelling_SameAsMinusT()
    {
        Assert.Equal([1, 3, 5], Command("-J", "1-5:2", "--", "x").Array!.Indices);
    }

    [Fact]
    public void Map_CommandLineArray_OverridesDirectiveAlias()
    {
        Assert.Equal([1, 2], Script("#PBS -J 1-9\necho\n", "-t", "1-2").Array!.Indices);
    }

    [Theory]
    [InlineData("-l", "mem=lots")]
    [InlineData("-l", "walltime=1:xx:00")]
    [InlineData("-t", "5-1")]
    [InlineData("-W", "depend=afterok:x")]
    public void Map_CoreParserRejects_UsageError(string option, string value)
    {
        Fails(() => Command(option, value, "--", "x"));
    }

    [Fact]
    public void Map_UnknownOptionInDirectives_UsageErrorSaysDirectives()
    {
        var e = Fails(() => Script("#!/bin/sh\n#PBS -Z 1\necho\n"));

        Assert.StartsWith("script line 2 ('#PBS -Z 1'): unknown option -Z", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_StrayWordInDirectives_UsageError()
    {
        Assert.Contains("stray 'extra'", Fails(() => Script("#PBS -N x extra\necho\n")).Message, StringComparison.Ordinal);
    }
}
