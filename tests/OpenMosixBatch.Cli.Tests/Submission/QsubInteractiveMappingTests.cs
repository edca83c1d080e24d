using System.Text;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Submission;

/// <summary>qsub -I [script]: the script's #PBS lines are read as for a batch job, its body is not run (PBS Pro's rule).</summary>
public sealed class QsubInteractiveMappingTests
{
    private static readonly QsubContext Context = new("/home/alice/work", "h1", "alice", new Dictionary<string, string> { ["HOME"] = "/home/alice", ["SHELL"] = "/bin/bash" });

    private const string Script = "#!/bin/bash\n#PBS -N analysis\n#PBS -q express\n#PBS -l walltime=00:30:00,mem=2gb\n#PBS -v MODE=fast\necho body-ran\n";

    private static QsubSource ScriptFile(string text) => QsubSource.ScriptFile("jobs/run.sh", Encoding.UTF8.GetBytes(text), []);

    private static JobSpec Map(string? script, params string[] args) =>
        QsubRequestMapper.MapInteractive(OptionParser.Parse<QsubOptions>("qsub", ["-I", .. args], TextWriter.Null)!, script is null ? null : ScriptFile(script), ["/bin/bash", "-i"], Context);

    [Fact]
    public void MapInteractive_Script_TakesItsDirectives_AndRunsTheShellNotTheBody()
    {
        var spec = Map(Script);

        Assert.Equal(("analysis", "express"), (spec.Name, spec.Queue));
        Assert.Equal((TimeSpan.FromMinutes(30), 2L << 30), (spec.Resources.Walltime, spec.Resources.MemoryBytesPerChunk));
        Assert.Equal("fast", spec.Environment["MODE"]);
        Assert.Null(spec.Script);
        Assert.Equal(["/bin/bash", "-i"], spec.Command);
        Assert.Empty(spec.Arguments);
    }

    [Fact]
    public void MapInteractive_CommandLine_WinsOverTheScriptsDirectives()
    {
        var spec = Map(Script, "-N", "mine", "-l", "walltime=00:05:00");

        Assert.Equal(("mine", "express", TimeSpan.FromMinutes(5)), (spec.Name, spec.Queue, spec.Resources.Walltime));
    }

    [Fact]
    public void MapInteractive_NoScriptAndNoName_IsNamedStdin_AsPbsNamesIt()
    {
        Assert.Equal(QsubRequestMapper.StdinJobName, Map(null).Name);
        Assert.Equal(QsubRequestMapper.StdinJobName, Map("#!/bin/sh\n#PBS -l walltime=00:10:00\nhostname\n").Name);
    }

    [Fact]
    public void MapInteractive_ABadDirective_IsRefusedWithItsLine()
    {
        var e = Assert.Throws<CliFailureException>(() => Map("#!/bin/sh\n#PBS -l walltime=soon\n"));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Contains("script line 2", e.Message, StringComparison.Ordinal);
    }
}
