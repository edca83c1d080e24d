using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

public sealed class TaskSpoolTests : IDisposable
{
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-spool-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void CreateRoot_MakesTheSpoolAndTheNodesDirectoryTraversableButNotListable()
    {
        var spool = Path.Combine(_dir.FullName, "spool");
        var tasks = new TaskSpool(Path.Combine(spool, "node1"));

        tasks.CreateRoot(spool);

        Assert.Equal(Traversable, File.GetUnixFileMode(spool));
        Assert.Equal(Traversable, File.GetUnixFileMode(tasks.Root));
    }

    [Fact]
    public void CreateRoot_ReopensASpoolClosedByChmodGoRwx_SoUsersTasksReachTheirDirectories()
    {
        var spool = Path.Combine(_dir.FullName, "spool");
        var tasks = new TaskSpool(Path.Combine(spool, "node1"));
        Directory.CreateDirectory(tasks.Root);
        var closed = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(tasks.Root, closed);
        File.SetUnixFileMode(spool, closed);

        tasks.CreateRoot(spool);

        Assert.Equal(Traversable, File.GetUnixFileMode(spool));
        Assert.Equal(Traversable, File.GetUnixFileMode(tasks.Root));
    }

    [Fact]
    public void RemoveLeftover_NoRecordedSessionsAtAll_RemovesTheTaskDirectory()
    {
        // A spool an older rank left with task directories and no sessions directory: nothing to forget, no failure.
        var tasks = new TaskSpool(Path.Combine(_dir.FullName, "spool", "node1"));
        var leftover = Directory.CreateDirectory(tasks.DirectoryOf(7, 0)).FullName;

        tasks.RemoveLeftover(leftover);

        Assert.False(Directory.Exists(leftover));
    }

    [Fact]
    public void Remove_ForgetsEveryRecordOfTheTask_AndKeepsTheOthers()
    {
        var tasks = new TaskSpool(Path.Combine(_dir.FullName, "spool", "node1"));
        Directory.CreateDirectory(tasks.DirectoryOf(7, 0));
        tasks.RecordSession(7, 0, 4242, 99, DateTimeOffset.UnixEpoch, switchedUser: false);
        tasks.RecordSession(8, 0, 4343, 98, DateTimeOffset.UnixEpoch, switchedUser: false);
        var record = tasks.ShepherdRecordOf(7, 0);
        File.WriteAllText(record + OpenMosixBatch.Core.Execution.ShepherdRecord.EndSuffix, "0");

        tasks.Remove(7, 0);

        Assert.Equal([Path.GetFileName(tasks.ShepherdRecordOf(8, 0))], Directory.GetFiles(tasks.SessionsRoot).Select(Path.GetFileName));
        Assert.False(Directory.Exists(tasks.DirectoryOf(7, 0)));
    }

    [Fact]
    public void Prepare_Mpiprocs_NodeFileListsEachHostOncePerRank()
    {
        var tasks = new TaskSpool(Path.Combine(_dir.FullName, "node1"));
        var job = RunnerJobs.Running(5, _dir.FullName, "#!/bin/sh\ntrue\n", resources: new ResourceRequest(2, 8) { MpiProcsPerChunk = 2 });

        var (_, _, nodeFile, _) = tasks.Prepare(new TaskStartOrder(job, 0, ["n1", "n2"]));

        Assert.Equal(["n1", "n1", "n2", "n2"], File.ReadAllLines(nodeFile));
    }

    [Fact]
    public void Prepare_TorqueChunk_NodeFileListsEachHostOncePerCpu()
    {
        var tasks = new TaskSpool(Path.Combine(_dir.FullName, "node1"));
        var job = RunnerJobs.Running(6, _dir.FullName, "#!/bin/sh\ntrue\n", resources: new ResourceRequest(1, 3));

        Assert.Equal(["n1", "n1", "n1"], File.ReadAllLines(tasks.Prepare(new TaskStartOrder(job, 0, ["n1"])).NodeFile));
    }

    [Fact]
    public void Prepare_ShellGivenWithS_RunsTheScriptUnderItWhateverItsShebang()
    {
        var tasks = new TaskSpool(Path.Combine(_dir.FullName, "node1"));
        var job = RunnerJobs.Running(7, _dir.FullName, "#!/bin/sh\necho $BASH_VERSION\n", arguments: ["a1"]);
        job = job with { Spec = job.Spec with { Shell = "/bin/bash" } };

        var (exe, args, _, _) = tasks.Prepare(new TaskStartOrder(job, 0, ["n1"]));

        Assert.Equal("/bin/bash", exe);
        Assert.EndsWith("job.sh", args[0], StringComparison.Ordinal);
        Assert.Equal("a1", args[1]);
    }
}
