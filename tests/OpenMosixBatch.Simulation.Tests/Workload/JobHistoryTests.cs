using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation.Tests.Workload;

public sealed class JobHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    internal static Job Finished(long id, int submittedAt, int cpus, int? ranFrom, double seconds, int chunks = 1, long memoryMb = 0, int? walltime = null,
        JobState state = JobState.Completed)
    {
        var task = ranFrom is { } from
            ? new JobTask(0, state) { StartTime = T0.AddSeconds(from), EndTime = T0.AddSeconds(from + seconds), Node = ExecutionHosts.Parse("n1") }
            : new JobTask(0, JobState.Deleted);
        return new Job
        {
            Id = id,
            Spec = new JobSpec
            {
                Name = "j" + id,
                WorkingDirectory = "/",
                SubmitDirectory = "/",
                Resources = new ResourceRequest(chunks, cpus, memoryMb << 20, walltime is { } w ? TimeSpan.FromSeconds(w) : null),
            },
            Owner = new JobOwner(1000, 1000, "ann"),
            SubmitTime = T0.AddSeconds(submittedAt),
            State = ranFrom is null ? JobState.Deleted : state,
            Tasks = [task],
        };
    }

    [Fact]
    public void Load_FinishedJobs_OneTraceJobPerTaskThatRanFromTheFirstSubmission()
    {
        Job[] jobs =
        [
            Finished(7, 30, cpus: 2, ranFrom: 40, seconds: 99.2, chunks: 3, memoryMb: 512, walltime: 600),
            Finished(5, 10, cpus: 1, ranFrom: 10, seconds: 20, state: JobState.Failed),
        ];

        var loaded = JobHistory.Load(jobs, since: null);

        Assert.Equal(0, loaded.Skipped);
        Assert.Equal([new TraceJob(5, 0, 20, 1, null, 0), new TraceJob(7, 20, 100, 6, 600, 256 * 1024, 2)], loaded.Jobs);
    }

    [Fact]
    public void Load_AJobOfSeveralChunkShapes_KeepsEachKindsCpusAndMemory()
    {
        var mixed = Finished(3, 0, cpus: 4, ranFrom: 0, seconds: 10, memoryMb: 1024);
        mixed = mixed with { Spec = mixed.Spec with { Resources = mixed.Spec.Resources with { MoreChunks = [new ChunkKind(2, 1, 256L << 20) { Gpus = 1 }] } } };

        var job = Assert.Single(JobHistory.Load([mixed], since: null).Jobs);

        Assert.Equal((6, 1), (job.Processors, job.CpusPerChunk));
        var shapes = job.Shapes!;
        Assert.Equal((1, 4, 1L << 30, (TimeSpan?)null), (shapes.Chunks, shapes.CpusPerChunk, shapes.MemoryBytesPerChunk, shapes.Walltime));
        Assert.Equal([new ChunkKind(2, 1, 256L << 20)], shapes.MoreChunks);
    }

    [Fact]
    public void Load_UnfinishedNeverStartedOrOlderJobs_AreLeftOut()
    {
        var running = Finished(1, 0, cpus: 1, ranFrom: 0, seconds: 5) with { State = JobState.Running };
        Job[] jobs = [running, Finished(2, 5, cpus: 1, ranFrom: null, seconds: 0), Finished(3, 1, cpus: 1, ranFrom: 2, seconds: 3),
            Finished(4, 20, cpus: 1, ranFrom: 20, seconds: 3)];

        var all = JobHistory.Load(jobs, since: null);
        var recent = JobHistory.Load(jobs, since: T0.AddSeconds(10));

        Assert.Equal([3L, 4L], all.Jobs.Select(j => j.Number));
        Assert.Equal(1, all.Skipped);
        Assert.Equal(new TraceJob(4, 0, 3, 1, null, 0), Assert.Single(recent.Jobs));
    }
}
