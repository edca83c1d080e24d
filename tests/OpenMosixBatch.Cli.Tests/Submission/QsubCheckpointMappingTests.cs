using System.Text;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Submission;

/// <summary>qsub -c and #OMB --run-home flow into JobSpec.Checkpoint and Resources.Migratable.</summary>
public sealed class QsubCheckpointMappingTests
{
    private static readonly QsubContext Context = new("/w", "h1", "alice", new Dictionary<string, string> { ["HOME"] = "/home/alice" });

    private static JobSpec Script(string script, params string[] args)
    {
        var split = QsubArgumentSplitter.Split(args);
        var options = OptionParser.Parse<QsubOptions>("qsub", [.. split.OptionTokens], TextWriter.Null)!;
        return QsubRequestMapper.Map(options, QsubSource.ScriptFile("run.sh", Encoding.UTF8.GetBytes(script), []), Context);
    }

    [Fact]
    public void Map_NoCheckpointOption_IsNone() => Assert.Same(CheckpointPolicy.None, Script("#!/bin/sh\ntrue\n").Checkpoint);

    [Fact]
    public void Map_CommandLineC_SetsPolicy() =>
        Assert.Equal(new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5), 12, 86), Script("#!/bin/sh\ntrue\n", "-c", "periodic=5,signal=USR2,exit=86").Checkpoint);

    [Fact]
    public void Map_DirectiveC_SetsPolicy() =>
        Assert.Equal(new CheckpointPolicy(CheckpointMode.Enabled), Script("#!/bin/sh\n#PBS -c enabled\ntrue\n").Checkpoint);

    [Fact]
    public void Map_CommandLineC_WinsOverDirective() =>
        Assert.Same(CheckpointPolicy.None, Script("#!/bin/sh\n#PBS -c periodic=5\ntrue\n", "-c", "n").Checkpoint);

    [Fact]
    public void Map_WrongC_FailsWithParserMessage()
    {
        var e = Assert.Throws<CliFailureException>(() => Script("#!/bin/sh\ntrue\n", "-c", "periodic=0"));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.StartsWith("invalid -c 'periodic=0'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_WrongDirectiveC_SaysItIsInTheDirectives()
    {
        var e = Assert.Throws<CliFailureException>(() => Script("#!/bin/sh\n#PBS -c sometimes\ntrue\n"));

        Assert.Contains("unknown -c item 'sometimes'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RunHomeDirective_IsNotMigratable() => Assert.False(Script("#!/bin/sh\n#OMB --run-home\ntrue\n").Resources.Migratable);

    [Fact]
    public void Map_RunHomeOnCommandLine_WinsOverMigratableTrue() =>
        Assert.False(Script("#!/bin/sh\n#PBS -l migratable=true\ntrue\n", "--run-home").Resources.Migratable);

    [Fact]
    public void Map_WithoutRunHome_IsMigratable() => Assert.True(Script("#!/bin/sh\n#PBS -l mem=1gb\ntrue\n").Resources.Migratable);
}
