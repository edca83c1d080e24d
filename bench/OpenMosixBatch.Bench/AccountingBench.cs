using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Bench;

/// <summary>
/// bench/accounting.sh's generator: a job database holding JOBS finished jobs spread evenly over the DAYS before now,
/// committed through the real store (so each has its job document, its accounting record and its event), 5,000 a batch.
/// </summary>
internal static class AccountingBench
{
    private const int Batch = 5000;

    public static int Run(string database, int jobs, int days)
    {
        var clock = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        var span = TimeSpan.FromDays(days);
        using var store = LiteDbJobStore.Open(database);
        for (var first = 1; first <= jobs; first += Batch)
        {
            var batch = new List<Job>(Batch);
            var events = new List<JobEvent>(Batch);
            for (var id = first; id < first + Batch && id <= jobs; id++)
            {
                var end = now - span + (span * ((double)id / jobs));
                var job = Finished(id, end);
                batch.Add(job);
                events.Add(new JobEvent(id, end, "ended", "exit status 0"));
            }

            store.Commit(new JobStoreBatch(batch, events, first + Batch));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate_finished_jobs {jobs} in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>A realistic finished job: ten users in three groups, two queues, 1-8 CPUs, a wait and a run of minutes.</summary>
    private static Job Finished(long id, DateTimeOffset end)
    {
        var user = (uint)(id % 10);
        var cpus = (int)(1 + (id % 8));
        var run = TimeSpan.FromMinutes(1 + (id % 50));
        var start = end - run;
        var spec = new JobSpec
        {
            Name = "bench" + (id % 100).ToString(CultureInfo.InvariantCulture),
            Queue = id % 3 == 0 ? "express" : "batch",
            Script = "#!/bin/bash\n#PBS -l nodes=1:ppn=1\n./simulate --steps 1000\n",
            WorkingDirectory = "/home/u/run",
            SubmitDirectory = "/home/u/run",
            Resources = new ResourceRequest(CpusPerChunk: cpus, MemoryBytesPerChunk: 256L << 20, Walltime: TimeSpan.FromHours(1)),
        };
        var task = new JobTask(0, JobState.Completed)
        {
            Node = ExecutionHosts.On("node" + (id % 16).ToString(CultureInfo.InvariantCulture)), StartTime = start, EndTime = end, ExitStatus = 0,
            CpuTime = run * cpus * 0.8, PeakRssBytes = 100L << 20,
        };
        return new Job
        {
            Id = id, Spec = spec, Owner = new JobOwner(2000 + user, 3000 + (user % 3), "user" + user.ToString(CultureInfo.InvariantCulture)),
            SubmitTime = start - TimeSpan.FromSeconds(id % 600), State = JobState.Completed, Tasks = [task], StartTime = start, EndTime = end,
            ExitStatus = 0, DependenciesMet = true,
        };
    }
}
