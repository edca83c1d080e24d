using System.Text;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Submission;

/// <summary>The PBS Pro and Torque options of issue 21: read with their meaning, and shown by qstat -f.</summary>
public class QsubPbsOptionsTests
{
    private static readonly QsubContext Context = new("/home/alice/work", "h1", "alice", new Dictionary<string, string> { ["HOME"] = "/home/alice" });

    private static JobSpec Script(string script, params string[] args) =>
        QsubRequestMapper.Map(OptionParser.Parse<QsubOptions>("qsub", args, TextWriter.Null)!, QsubSource.ScriptFile("run.sh", Encoding.UTF8.GetBytes(script), []), Context);

    private static string Full(JobSpec spec) => QstatFullFormatter.Format(new Job
    {
        Id = 7,
        Spec = spec,
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = DateTimeOffset.UnixEpoch,
        State = JobState.Queued,
        Tasks = [new JobTask(0, JobState.Queued)],
    }, TimeZoneInfo.Utc);

    private const string Header = """
        #!/bin/bash
        #PBS -N hybrid
        #PBS -A ab12 -P proj7
        #PBS -m abe
        #PBS -M alice@example.org,bob
        #PBS -S /bin/bash
        #PBS -W group_list=proj7
        #PBS -W umask=027
        #PBS -l select=2:ncpus=32:mpiprocs=4:ompthreads=8:mem=64gb
        #PBS -l walltime=00:00:60,cput=10:00:00
        #PBS -l vmem=100gb,pvmem=4gb,file=1gb
        mpiexec ./a.out

        """;

    [Fact]
    public void Map_PbsOptions_EachKeepsItsMeaning()
    {
        var spec = Script(Header);

        Assert.Equal(("ab12", "proj7", "abe"), (spec.Account, spec.Project, spec.MailEvents));
        Assert.Equal(["alice@example.org", "bob"], spec.MailUsers);
        Assert.Equal(("/bin/bash", "proj7", 0x17), (spec.Shell, spec.GroupList, spec.Umask));
        var r = spec.Resources;
        Assert.Equal((2, 32, 64L << 30, 4, 8), (r.Chunks, r.CpusPerChunk, r.MemoryBytesPerChunk, r.RanksPerChunk, r.ThreadsPerRank));
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromHours(10)), (r.Walltime, r.CpuTime));
        Assert.Equal((100L << 30, 4L << 30, 1L << 30), (r.VirtualMemoryBytes, r.ProcessVirtualMemoryBytes, r.FileBytes));
        Assert.Empty(spec.IgnoredOptions);
    }

    [Fact]
    public void Format_PbsOptions_ShownByQstatFull()
    {
        var text = Full(Script(Header));

        foreach (var line in new[]
        {
            "Account_Name = ab12", "project = proj7", "Mail_Points = abe", "Mail_Users = alice@example.org,bob", "Shell_Path_List = /bin/bash",
            "group_list = proj7", "umask = 0027", "Resource_List.select = 2:ncpus=32:mpiprocs=4:ompthreads=8:mem=64gb", "Resource_List.mpiprocs = 8",
            "Resource_List.cput = 10:00:00", "Resource_List.walltime = 00:01:00", "Resource_List.vmem = 100gb", "Resource_List.pvmem = 4gb", "Resource_List.file = 1gb",
        })
        {
            Assert.Contains("    " + line + "\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Map_SiteResourcesAndOptions_KeptForTheServerToJudgeAndShown()
    {
        var spec = Script("#PBS -l nodes=1:ppn=2,qos=debug\n#PBS -W x=NACCESSPOLICY:SINGLEJOB\n#PBS -k oe\n#PBS -W depend=afterok:12\ntrue\n");

        Assert.Equal(["qos=debug"], spec.Resources.Ignored);
        Assert.Equal(["-W x=NACCESSPOLICY:SINGLEJOB", "-k oe"], spec.IgnoredOptions);
        Assert.Equal([new Dependency(DependencyType.AfterOk, 12)], spec.Dependencies);
        var text = Full(spec);
        Assert.Contains("Resource_List.qos = debug (not scheduled on)", text, StringComparison.Ordinal);
        Assert.Contains("ignored_options = -W x=NACCESSPOLICY:SINGLEJOB,-k oe", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_CommandLineWinsOverDirectives() =>
        Assert.Equal(("zz99", "n"), Script(Header, "-A", "zz99", "-m", "n") is var s ? (s.Account, s.MailEvents) : default);

    [Theory]
    [InlineData("#PBS -m abx", "-m")]
    [InlineData("#PBS -M 'a b'", "-M")]
    [InlineData("#PBS -S bash", "-S")]
    [InlineData("#PBS -W umask=999", "umask")]
    [InlineData("#PBS -W group_list=", "group_list")]
    [InlineData("#PBS -W junk", "-W")]
    public void Map_BadValue_RefusedNamingTheOptionAndLine(string directive, string named)
    {
        var e = Assert.Throws<CliFailureException>(() => Script(directive + "\ntrue\n"));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("script line 1", e.Message, StringComparison.Ordinal);
    }
}
