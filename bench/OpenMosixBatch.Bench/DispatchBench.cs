using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Bench;

/// <summary>
/// Submits JOBS trivial jobs (/bin/true) to a server with a world, waits until all have ended, and reports from the
/// timestamps the server recorded: dispatch latency (dispatched → process started) and jobs completed per second end
/// to end (first submission → last end). With QUEUED &gt; 0 it first submits that many trivial jobs at a lower priority
/// (-1), so the measured ones pass a queue of about that many waiting jobs on every admission pass: the figure next to
/// the empty-queue one shows whether dispatch cost grows with the queue.
/// </summary>
public static class DispatchBench
{
    public static async Task<int> RunAsync(int total, int clients, string label, int queued = 0)
    {
        var socket = OmbHome.SocketPath(OmbHome.Resolve());
        var cwd = Environment.CurrentDirectory;
        if (queued > 0)
        {
            await SubmitAsync(socket, cwd, queued, clients, "queued", -1);
        }

        var ids = await SubmitAsync(socket, cwd, total, clients, "true", 0);
        using var reader = new OmbApiClient(socket);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Waits for the measured jobs only (the queued ones may never end while they are measured): one job at a time,
        // in submission order, so that a poll costs the same however long the queue is.
        for (var waited = 0; waited < total;)
        {
            if ((await reader.GetJobAsync(ids[waited])).Job.State.IsFinished())
            {
                waited++;
                continue;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                await Console.Error.WriteLineAsync("jobs still not finished after 10 minutes");
                return 1;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        var jobs = new List<Job>(total);
        foreach (var id in ids)
        {
            jobs.Add((await reader.GetJobAsync(id)).Job);
        }

        var latencies = jobs.Select(j => j.Tasks[0]).Where(t => t.StartTime is not null && t.DispatchTime is not null)
            .Select(t => (t.StartTime!.Value - t.DispatchTime!.Value).TotalMilliseconds).Order().ToArray();
        var completed = jobs.Count(j => j.State == JobState.Completed);
        var span = jobs.Max(j => j.EndTime!.Value) - jobs.Min(j => j.SubmitTime);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}_jobs_completed: {completed} of {total}"));
        LatencyFigures.Print($"{label}_dispatch_latency", latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}_jobs_per_second_end_to_end: {completed / span.TotalSeconds:F1}"));
        return 0;
    }

    private static async Task<string[]> SubmitAsync(string socket, string cwd, int total, int clients, string name, int priority)
    {
        var next = 0;
        var ids = new string[total];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = new OmbApiClient(socket);
            int i;
            while ((i = Interlocked.Increment(ref next) - 1) < total)
            {
                var spec = new JobSpec
                {
                    Name = name + i.ToString(CultureInfo.InvariantCulture),
                    Priority = priority,
                    Command = ["/bin/true"],
                    WorkingDirectory = cwd,
                    SubmitDirectory = cwd,
                    OutputPath = "/dev/null",
                    ErrorPath = "/dev/null",
                    Resources = new ResourceRequest(MemoryBytesPerChunk: 64L << 20, Walltime: TimeSpan.FromMinutes(1)),
                };
                ids[i] = (await client.SubmitAsync(new SubmitRequest(spec))).DisplayId;
            }
        }));
        return ids;
    }
}
