using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Submission;

public sealed class QalterRequestMapperTests
{
    private static readonly QsubContext Context = new("/home/ada/run", "login1", "ada", new Dictionary<string, string> { ["HOME"] = "/home/ada" });

    [Fact]
    public void Map_PlainCommandLine_BecomesTheChange_AndTheIds()
    {
        var options = PlainOptionParsers.Qalter.TryParse(
            ["-N", "renamed", "-p", "10", "-l", "walltime=00:30:00", "-W", "depend=afterok:12", "-o", "out.txt", "-h", "u", "-t", "%2", "-c", "enabled", "42", "43[]"])!;

        var change = QalterRequestMapper.Map(options, Context);

        Assert.Equal(["42", "43[]"], options.Ids);
        Assert.Equal(("renamed", 10, true, "/home/ada/run/out.txt", 2), (change.Name, change.Priority, change.Hold, change.OutputPath, change.ArrayLimit));
        Assert.Equal(["walltime=00:30:00"], change.ResourceLists);
        Assert.Equal([new Dependency(DependencyType.AfterOk, 12)], change.Dependencies);
        Assert.Equal(CheckpointMode.Enabled, change.Checkpoint!.Mode);
    }

    [Fact]
    public void Map_DependEmpty_DropsTheDependencies()
    {
        Assert.Equal([], QalterRequestMapper.Map(new QalterOptions { Attributes = ["depend="] }, Context).Dependencies);
    }

    [Theory]
    [InlineData("-h", "o", "invalid -h 'o': use u (user hold) or n (release)")]
    [InlineData("-t", "1-10", "invalid -t '1-10': qalter changes only an array's limit, e.g. -t %4 (its range stays)")]
    [InlineData("-p", "5000", "invalid priority '5000' in -p: use a whole number from -1024 to 1023")]
    [InlineData("-l", "walltime", "invalid -l 'walltime': expected NAME=VALUE, e.g. -l walltime=01:00:00")]
    public void Map_BadValue_IsAUsageError(string option, string value, string expected)
    {
        var options = PlainOptionParsers.Qalter.TryParse([option, value, "42"])!;

        var e = Assert.Throws<CliFailureException>(() => QalterRequestMapper.Map(options, Context));

        Assert.Equal((ExitCodes.BadUsage, expected), (e.ExitCode, e.Message));
    }

    [Fact]
    public void Map_NcpusAfterASelectOfSeveralShapes_IsAUsageErrorNamingTheSelect()
    {
        var options = PlainOptionParsers.Qalter.TryParse(["-l", "select=1:ncpus=4+2:ncpus=1", "-l", "ncpus=8", "42"])!;

        var e = Assert.Throws<CliFailureException>(() => QalterRequestMapper.Map(options, Context));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Equal("-l ncpus=8 is ambiguous for a job of 2 chunk shapes (select=1:ncpus=4+2:ncpus=1): "
            + "give the whole select with the values you want, e.g. -l select=1:ncpus=4+2:ncpus=1", e.Message);
    }

    [Fact]
    public void Map_NoOption_IsAUsageError()
    {
        var e = Assert.Throws<CliFailureException>(() => QalterRequestMapper.Map(new QalterOptions { Ids = ["42"] }, Context));

        Assert.StartsWith("nothing to change", e.Message, StringComparison.Ordinal);
    }
}
