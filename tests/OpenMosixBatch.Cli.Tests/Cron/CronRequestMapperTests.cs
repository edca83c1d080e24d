using OpenMosixBatch.Cli.Cron;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Cli.Tests.Cron;

/// <summary>omb cron add's parsing: the split at '--', the cron options, and the job built by qsub's own mapper.</summary>
public sealed class CronRequestMapperTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-cron-cli-");

    private QsubContext Context => new(_dir.FullName, "host", "ada", new Dictionary<string, string> { ["HOME"] = "/home/ada" });

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void SplitAtSeparator_FirstDoubleDash_SeparatesCronFromQsubArguments()
    {
        var (cron, submit) = CronRequestMapper.SplitAtSeparator(["nightly", "--schedule", "0 2 * * *", "--", "-l", "mem=1gb", "job.sh", "--", "x"]);

        Assert.Equal(["nightly", "--schedule", "0 2 * * *"], cron);
        Assert.Equal(["-l", "mem=1gb", "job.sh", "--", "x"], submit);
    }

    [Fact]
    public void SplitAtSeparator_NoDoubleDash_IsUsageError()
    {
        var e = Assert.Throws<CliFailureException>(() => CronRequestMapper.SplitAtSeparator(["nightly", "--schedule", "@daily"]));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Contains("missing '--'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ScriptWithDirectivesAndOptions_BuildsTheJobQsubWould()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "job.sh"), "#!/bin/sh\n#PBS -N fromscript\n#PBS -l mem=1gb\necho hi\n");
        var options = new CronAddOptions { Name = "nightly", Schedule = "0  2 * * *", TimeZone = "Europe/Berlin", Overlap = "queue", Misfire = "skip" };

        var request = CronRequestMapper.Map(options, ["-q", "long", "job.sh", "a b"], Context);

        Assert.Equal(("nightly", "0 2 * * *", "Europe/Berlin", OverlapPolicy.Queue, MisfirePolicy.Skip, false),
            (request.Name, request.Expression, request.TimeZoneId, request.Overlap, request.Misfire, request.Paused));
        var spec = request.Submit.Spec;
        Assert.Equal(("fromscript", "long", 1L << 30), (spec.Name, spec.Queue, spec.Resources.MemoryBytesPerChunk));
        Assert.Equal(["a b"], spec.Arguments);
        Assert.Equal(["-q", "long", "job.sh", "a b"], request.SubmitArguments);
    }

    [Theory]
    [InlineData(null, "0 2 * * *", "missing schedule name")]
    [InlineData("bad name", "0 2 * * *", "contains")]
    [InlineData("nightly", null, "missing --schedule")]
    [InlineData("nightly", "0 2 * *", "has 4 fields")]
    public void Map_BadNameOrSchedule_IsUsageError(string? name, string? schedule, string expected)
    {
        var e = Assert.Throws<CliFailureException>(() => CronRequestMapper.Map(new CronAddOptions { Name = name, Schedule = schedule }, ["job.sh"], Context));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sometimes", null, "unknown overlap policy")]
    [InlineData(null, "twice", "unknown misfire policy")]
    public void Map_UnknownPolicy_IsUsageError(string? overlap, string? misfire, string expected)
    {
        var e = Assert.Throws<CliFailureException>(() =>
            CronRequestMapper.Map(new CronAddOptions { Name = "n", Schedule = "@daily", Overlap = overlap, Misfire = misfire }, ["job.sh"], Context));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "missing script for schedule 'n'")]
    [InlineData(new[] { "-l", "mem=1gb" }, "missing script for schedule 'n'")]
    [InlineData(new[] { "nothere.sh" }, "script 'nothere.sh' not found")]
    [InlineData(new[] { "-p", "5000", "job.sh" }, "invalid priority '5000'")]
    [InlineData(new[] { "-l", "mem=lots", "job.sh" }, "mem=lots")]
    public void Map_MissingScriptOrOptionQsubRefuses_IsUsageError(string[] submit, string expected)
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "job.sh"), "#!/bin/sh\n");

        var e = Assert.Throws<CliFailureException>(() => CronRequestMapper.Map(new CronAddOptions { Name = "n", Schedule = "@daily" }, submit, Context));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_CommandMode_AfterASecondDoubleDash_RunsTheCommand()
    {
        var request = CronRequestMapper.Map(new CronAddOptions { Name = "n", Schedule = "@hourly" }, ["--", "hostname", "-f"], Context);

        Assert.Equal(["hostname", "-f"], request.Submit.Spec.Command);
        Assert.Null(request.Submit.Spec.Script);
    }
}
