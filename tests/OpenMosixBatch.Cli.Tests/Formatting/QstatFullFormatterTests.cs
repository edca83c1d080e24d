using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Formatting;

public class QstatFullFormatterTests
{
    private static readonly DateTimeOffset Submitted = new(2025, 11, 25, 6, 44, 0, TimeSpan.Zero);

    [Fact]
    public void Format_PlainQueuedJob_PbsBlock()
    {
        var job = new Job
        {
            Id = 42,
            Spec = new JobSpec
            {
                Name = "job.sh",
                Script = "#!/bin/sh\necho hi\n",
                WorkingDirectory = "/home/alice/run",
                SubmitDirectory = "/home/alice",
                Resources = new ResourceRequest(1, 2, 2L << 30, TimeSpan.FromMinutes(90)),
                Environment = new Dictionary<string, string> { ["PBS_O_HOST"] = "h1", ["PBS_O_HOME"] = "/home/alice" },
            },
            Owner = new JobOwner(1000, 1000, "alice"),
            SubmitTime = Submitted,
            State = JobState.Queued,
            Reason = "cluster CPU 93% ≥ threshold 90%",
            Tasks = [new JobTask(0, JobState.Queued)],
        };

        Assert.Equal(
            "Job Id: 42\n" +
            "    Job_Name = job.sh\n" +
            "    Job_Owner = alice\n" +
            "    job_state = Q\n" +
            "    queue = batch\n" +
            "    ctime = Tue Nov 25 06:44:00 2025\n" +
            "    qtime = Tue Nov 25 06:44:00 2025\n" +
            "    Resource_List.nodect = 1\n" +
            "    Resource_List.ncpus = 2\n" +
            "    Resource_List.mem = 2gb\n" +
            "    Resource_List.select = 1:ncpus=2:mem=2gb\n" +
            "    Resource_List.walltime = 01:30:00\n" +
            "    Resource_List.migratable = True\n" +
            "    resources_used.cput = 00:00:00\n" +
            "    Priority = 0\n" +
            "    Hold_Types = n\n" +
            "    Rerunable = True\n" +
            "    Output_Path = /home/alice/job.sh.o42\n" +
            "    Error_Path = /home/alice/job.sh.e42\n" +
            "    Join_Path = n\n" +
            "    Variable_List = PBS_O_HOME=/home/alice,PBS_O_HOST=h1\n" +
            "    comment = cluster CPU 93% ≥ threshold 90%\n" +
            "    Submit_dir = /home/alice\n" +
            "    Work_dir = /home/alice/run\n",
            QstatFullFormatter.Format(job, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Format_RunningArrayWithDependencies_ShowsTasksHostsAndDepend()
    {
        var job = new Job
        {
            Id = 7,
            Spec = new JobSpec
            {
                Name = "sweep",
                Command = ["sim", "--fast"],
                WorkingDirectory = "/w",
                SubmitDirectory = "/w",
                Queue = "fast",
                Priority = -5,
                OutputPath = "/w/out.txt",
                Join = JoinMode.OutputAndError,
                Rerunnable = false,
                Array = new ArraySpec([1, 2, 3, 5], 2),
                Dependencies = [new(DependencyType.AfterOk, 3), new(DependencyType.AfterAny, 4), new(DependencyType.AfterOk, 5)],
                Resources = new ResourceRequest(Migratable: false),
            },
            Owner = new JobOwner(1000, 1000, "bob"),
            SubmitTime = Submitted,
            StartTime = Submitted.AddMinutes(1),
            State = JobState.Running,
            UserHold = true,
            Tasks =
            [
                new JobTask(1, JobState.Completed) { ExitStatus = 0, Node = ExecutionHosts.Parse("n1"), CpuTime = TimeSpan.FromSeconds(30), PeakRssBytes = 3L << 20 },
                new JobTask(2, JobState.Running) { Node = ExecutionHosts.Parse("n2"), RestartCount = 1, CpuTime = TimeSpan.FromSeconds(15) },
                new JobTask(3, JobState.Running) { Node = ExecutionHosts.Parse("n2") },
                new JobTask(5, JobState.Queued) { Reason = "array limit %2 reached" },
            ],
        };

        var text = QstatFullFormatter.Format(job, TimeZoneInfo.Utc);

        Assert.Equal(
            "Job Id: 7[]\n" +
            "    Job_Name = sweep\n" +
            "    Job_Owner = bob\n" +
            "    job_state = R\n" +
            "    queue = fast\n" +
            "    ctime = Tue Nov 25 06:44:00 2025\n" +
            "    qtime = Tue Nov 25 06:44:00 2025\n" +
            "    stime = Tue Nov 25 06:45:00 2025\n" +
            "    Resource_List.nodect = 1\n" +
            "    Resource_List.ncpus = 1\n" +
            "    Resource_List.select = 1:ncpus=1\n" +
            "    Resource_List.migratable = False\n" +
            "    resources_used.cput = 00:00:45\n" +
            "    resources_used.mem = 3mb\n" +
            "    Priority = -5\n" +
            "    Hold_Types = u\n" +
            "    Rerunable = False\n" +
            "    Output_Path = /w/out.txt\n" +
            "    Error_Path = /w/sweep.e7\n" +
            "    Join_Path = oe\n" +
            "    array_indices_submitted = 1-3,5%2\n" +
            "    depend = afterok:3:5,afterany:4\n" +
            "    exec_host = n2\n" +
            "    Submit_dir = /w\n" +
            "    Work_dir = /w\n" +
            "    Executable = sim --fast\n" +
            "    task[1] = C node=n1 exit_status=0\n" +
            "    task[2] = R node=n2 restarts=1\n" +
            "    task[3] = R node=n2\n" +
            "    task[5] = Q comment=array limit %2 reached\n",
            text);
    }

    [Fact]
    public void Time_ConvertsToTheGivenZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");

        Assert.Equal("Tue Nov 25 08:44:00 2025", QstatFullFormatter.Time(Submitted, zone));
    }
}
