using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

/// <summary>Jobs for the store tests: one with every field away from its default, and plain realistic ones.</summary>
internal static class TestJobs
{
    /// <summary>An odd offset and sub-millisecond ticks, which a BSON date would both lose.</summary>
    public static readonly DateTimeOffset SubmitTime =
        new DateTimeOffset(2025, 3, 4, 5, 6, 7, new TimeSpan(5, 30, 0)).AddTicks(1_234_567);

    public static Job EveryFieldSet(long id) => new()
    {
        Id = id,
        Spec = new JobSpec
        {
            Name = "sweep-é-日本",
            Queue = "long",
            Priority = -17,
            Script = "#!/bin/sh\n#PBS -N sweep\necho \"$OMB_ARRAY_INDEX\" \\ 'quoted'\n",
            Command = ["/usr/bin/env", "python3", "-c", "print(1)"],
            Arguments = ["--alpha", "two words", ""],
            WorkingDirectory = "/home/ada/work",
            SubmitDirectory = "/home/ada",
            Resources = new ResourceRequest(
                Chunks: 2,
                CpusPerChunk: 4,
                MemoryBytesPerChunk: 3L * 1024 * 1024 * 1024,
                Walltime: new TimeSpan(1, 2, 3, 4).Add(TimeSpan.FromTicks(5)),
                Migratable: false)
            {
                MpiProcsPerChunk = 2,
                OmpThreadsPerChunk = 2,
                CpuTime = TimeSpan.FromHours(7),
                ProcessMemoryBytes = 1L << 30,
                VirtualMemoryBytes = 8L << 30,
                ProcessVirtualMemoryBytes = 2L << 30,
                FileBytes = 1L << 40,
                GpusPerChunk = 2,
                Properties = ["ib", "bigmem"],
                ExcludedProperties = ["gpu", "slow"],
                Hosts = ["node-a", "node-b"],
                Arrangement = PlacementArrangement.Scatter,
                Sharing = PlacementSharing.Exclusive,
                MoreChunks = [new ChunkKind(2, 1, 1L << 30) { Gpus = 1, MpiProcs = 1, OmpThreads = 2, Properties = ["ib"], ExcludedProperties = ["slow"], Host = "node-c" }],
                Ignored = ["qos=debug", "wd"],
            },
            Account = "ab12",
            Project = "proj-ü",
            MailEvents = "abe",
            MailUsers = ["ada@example.org", "bob"],
            Shell = "/bin/bash",
            GroupList = "staff",
            Umask = 0x17,
            IgnoredOptions = ["-W x=NACCESSPOLICY:SINGLEJOB", "-k oe"],
            OutputPath = "/home/ada/out/%j.o",
            ErrorPath = "/home/ada/out/%j.e",
            Join = JoinMode.ErrorAndOutput,
            Array = new ArraySpec([1, 3, 5, 100_000], MaxConcurrent: 2),
            Dependencies = [new Dependency(DependencyType.AfterNotOk, 7), new Dependency(DependencyType.AfterAny, 8)],
            Held = true,
            Rerunnable = false,
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["EMPTY"] = "", ["UNICODE"] = "ü\n\t" },
            Checkpoint = new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5), 12, 86),
        },
        Owner = new JobOwner(4_000_000_000, 1001, "ada"),
        SubmitTime = SubmitTime,
        State = JobState.Running,
        Reason = "cluster CPU 93% ≥ threshold 90%",
        UserHold = true,
        LastWait = Core.Admission.WaitKind.OverThreshold,
        Tasks =
        [
            new JobTask(1, JobState.Failed)
            {
                Node = ExecutionHosts.Parse("node-a"),
                GpuDevices = [new GpuDevice("node-a", 1), new GpuDevice("node-a", 0)],
                PartUsage = [new TaskNodeUsage("node-b", TimeSpan.FromSeconds(12.5), 3L << 20, 2)],
                StartTime = SubmitTime.AddMinutes(1).ToOffset(TimeSpan.Zero),
                EndTime = SubmitTime.AddHours(2).ToOffset(new TimeSpan(-9, -30, 0)),
                ExitStatus = 1,
                CpuTime = TimeSpan.FromTicks(123_456_789_012),
                PeakRssBytes = 5_000_000_000,
                RestartCount = 3,
                DispatchTime = SubmitTime.AddSeconds(59).ToOffset(TimeSpan.FromHours(2)),
                SessionId = 4242,
                Requeues = 2,
                Reason = "checkpointed and moved",
                ExitCause = ExitCause.Limit,
                Checkpoints =
                [
                    new TaskCheckpoint(4, SubmitTime.AddMinutes(4), 4096, new string('a', 64)),
                    new TaskCheckpoint(5, SubmitTime.AddMinutes(5).ToOffset(TimeSpan.FromHours(1)), 268_435_456, new string('b', 64)),
                ],
                CheckpointGeneration = 5,
                BadGenerations = [3, 5],
                Migrations = 7,
                LastMigration = new TaskMigration("node-c", "node-a", 8192, TimeSpan.FromTicks(8_120_001), SubmitTime.AddMinutes(6)),
                Migration = new PendingMigration("node-a", "node-d", SubmitTime.AddMinutes(7), "expelled", 12, OpenMosixBatch.Core.Migration.MigrationReason.Expel),
                StayReason = "cool-down: moved 40 s ago, may move again in 80 s",
            },
            new JobTask(3, JobState.Completed)
            {
                Node = ExecutionHosts.Parse("node-b"),
                StartTime = SubmitTime.AddTicks(1),
                EndTime = SubmitTime.AddTicks(2),
                ExitStatus = 0,
                CpuTime = TimeSpan.FromMilliseconds(1.5),
                PeakRssBytes = 1,
                RestartCount = 1,
                Reason = "killed by signal 9",
            },
            new JobTask(5, JobState.Exiting)
            {
                Node = ExecutionHosts.Parse("node-c"),
                StartTime = SubmitTime.AddTicks(3),
                SessionId = 77,
                Reason = "requeued by root",
                ExitCause = ExitCause.Deletion,
            },
        ],
        StartTime = SubmitTime.AddSeconds(30),
        EndTime = SubmitTime.AddDays(1),
        ExitStatus = 271,
        ScheduleName = "nightly-é",
        ScheduledFireTime = SubmitTime.AddTicks(-7).ToOffset(new TimeSpan(1, 0, 0)),
    };

    /// <summary>
    /// An array of <paramref name="elements"/> tasks (at least 20), mostly waiting as submitted, with one task in every
    /// state, one with every member set, and tasks each with one member set.
    /// </summary>
    public static Job LargeArray(long id, int elements)
    {
        var full = EveryFieldSet(id).Tasks[0];
        var tasks = Enumerable.Range(0, elements).Select(i => new JobTask(i * 2, JobState.Queued)).ToArray();
        foreach (var (state, k) in Enum.GetValues<JobState>().Select((s, k) => (s, k)))
        {
            // A task in E carries why, as every path into E sets it.
            tasks[k + 1] = new JobTask(tasks[k + 1].Index, state) { ExitCause = state == JobState.Exiting ? ExitCause.Rerun : ExitCause.None };
        }

        tasks[elements / 2] = full with { Index = tasks[elements / 2].Index };
        tasks[^1] = tasks[^1] with { CpuTime = TimeSpan.FromTicks(1) };
        tasks[^2] = tasks[^2] with { Reason = "" };
        tasks[^3] = tasks[^3] with { BadGenerations = [0] };
        tasks[^4] = tasks[^4] with { ExitStatus = 0, State = JobState.Completed };
        tasks[^5] = tasks[^5] with { Requeues = -1 };
        var every = EveryFieldSet(id);
        return every with
        {
            Spec = every.Spec with { Array = new ArraySpec([.. tasks.Select(t => t.Index)]) },
            Tasks = tasks,
        };
    }

    /// <summary>A job as qsub makes it for a 200-byte script with default resources.</summary>
    public static Job Realistic(long id) => new()
    {
        Id = id,
        Spec = new JobSpec
        {
            Name = "job.sh",
            Script = RealisticScript,
            WorkingDirectory = "/home/ada/project",
            SubmitDirectory = "/home/ada/project",
        },
        Owner = new JobOwner(1000, 1000, "ada"),
        SubmitTime = SubmitTime.AddSeconds(id),
        State = JobState.Queued,
        Reason = "cluster CPU 93% ≥ threshold 90%",
        Tasks = [new JobTask(0, JobState.Queued)],
    };

    public static readonly string RealisticScript =
        "#!/bin/bash\n#PBS -N job\n#PBS -l nodes=1:ppn=1,mem=1gb,walltime=01:00:00\n#PBS -j oe\n" +
        "cd \"$PBS_O_WORKDIR\"\nmodule load gcc\n./simulate --input data.in --steps 1000 > result.out\necho done\n";
}
