using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Bench;

/// <summary>
/// The submitting half of bench/soak.sh: <c>soak-submit JOBS SECONDS SEED CLIENTS LEDGER JOBS_DIR BACKLOG</c> submits a seeded
/// mix of <see cref="SoakJob"/>s through the API with CLIENTS concurrent clients until JOBS tasks (array elements count
/// one each) are in: paced to spread them over SECONDS (the window in which soak.sh kills the server and ranks), and
/// whatever is left when the window ends goes in unpaced. Every acknowledged submission becomes a ledger line
/// (tab-separated <see cref="SoakJob"/> fields, then the id) the moment the answer arrives. A submission that got no
/// answer (server unreachable, or killed mid-request) is retried as a new attempt until acknowledged. With
/// BACKLOG &gt; 0 it also waits while that many tasks are queued or running (0, the default, for none: the server is
/// expected to hold the whole soak queued). Prints its counts, one figure a line.
/// </summary>
public static class SoakSubmitter
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var jobs = int.Parse(args[0], CultureInfo.InvariantCulture);
        var window = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
        var random = new Random(int.Parse(args[2], CultureInfo.InvariantCulture));
        var clients = int.Parse(args[3], CultureInfo.InvariantCulture);
        var jobsDirectory = args[5];
        var maxBacklog = int.Parse(args[6], CultureInfo.InvariantCulture);
        var work = Environment.CurrentDirectory;
        Directory.CreateDirectory(Path.Combine(work, "out"));
        var socket = OmbHome.SocketPath(OmbHome.Resolve());

        using var ledger = new StreamWriter(args[4], append: true) { AutoFlush = true };
        var gate = new Lock();
        var sums = new List<long>();   // acknowledged Sum ids, for dependencies
        int nextTag = 0, tasksTaken = 0, acknowledged = 0, acknowledgedTasks = 0, unanswered = 0, refused = 0, gaveUp = 0;
        var clock = Stopwatch.StartNew();
        var backlog = 0;
        using var done = new CancellationTokenSource();
        var watcher = maxBacklog > 0 ? WatchBacklogAsync(socket, v => Volatile.Write(ref backlog, v), done.Token) : Task.CompletedTask;

        (SoakJob Job, TimeSpan Due)? Take()
        {
            lock (gate)
            {
                if (tasksTaken >= jobs)
                {
                    return null;
                }

                // Paced: the i-th task goes out no earlier than i/JOBS of the window (already due once the window ended).
                var due = window * ((double)tasksTaken / jobs);
                var job = Draw(random, nextTag++, Math.Min(8, jobs - tasksTaken), sums);
                tasksTaken += job.TaskCount;
                return (job, due);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var client = new OmbApiClient(socket, TimeSpan.FromSeconds(30));
            try
            {
                while (Take() is { } taken)
                {
                    var (first, due) = taken;
                    while (Volatile.Read(ref backlog) >= maxBacklog && maxBacklog > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
                    }

                    if (due - clock.Elapsed is var wait && wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, TimeProvider.System);
                    }

                    var job = first;
                    var started = clock.Elapsed;
                    while (true)
                    {
                        try
                        {
                            var answer = await client.SubmitAsync(new SubmitRequest(job.ToSpec(jobsDirectory, work)));
                            lock (gate)
                            {
                                ledger.WriteLine(job.ToLedgerLine() + "\t" + answer.Id.ToString(CultureInfo.InvariantCulture));
                                acknowledged++;
                                acknowledgedTasks += job.TaskCount;
                                if (job.Kind == SoakKind.Sum)
                                {
                                    sums.Add(answer.Id);
                                }
                            }

                            break;
                        }
                        catch (Exception e) when (e is ServerUnreachableException or TaskCanceledException or HttpRequestException or IOException
                            || e is ApiException { Error.Kind: ApiErrorKind.Unavailable or ApiErrorKind.StorageFull })
                        {
                            Interlocked.Increment(ref unanswered);
                            if (clock.Elapsed - started > GiveUpAfter)
                            {
                                Interlocked.Increment(ref gaveUp);
                                await Console.Error.WriteLineAsync($"soak-submit: gave up on {job.Name} after {GiveUpAfter}: {e.Message}");
                                break;
                            }

                            // A fresh connection after a server restart; the unanswered attempt may be stored, so the
                            // retry is a job of its own (soak.sh counts stored-but-unanswered ones separately).
                            client.Dispose();
                            client = new OmbApiClient(socket, TimeSpan.FromSeconds(30));
                            await Task.Delay(RetryPause, TimeProvider.System);
                            job = job with { Attempt = job.Attempt + 1 };
                        }
                        catch (ApiException e)
                        {
                            Interlocked.Increment(ref refused);
                            await Console.Error.WriteLineAsync($"soak-submit: {job.Name} refused: {e.Message}");
                            break;
                        }
                    }
                }
            }
            finally
            {
                client.Dispose();
            }
        }));
        await done.CancelAsync();
        await watcher;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions: {nextTag}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions_acknowledged: {acknowledged}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"jobs_submitted: {tasksTaken}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"jobs_acknowledged: {acknowledgedTasks}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions_unanswered_and_retried: {unanswered}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions_refused: {refused + gaveUp}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submit_seconds: {clock.Elapsed.TotalSeconds:F1}"));
        return refused + gaveUp > 0 ? 1 : 0;
    }

    /// <summary>Publishes the number of queued or running tasks every second; an unreachable server leaves it as it was.</summary>
    private static async Task WatchBacklogAsync(string socket, Action<int> publish, CancellationToken ct)
    {
        using var client = new OmbApiClient(socket, TimeSpan.FromSeconds(30));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                publish((await client.ListJobsAsync(null, false, false, ct)).Jobs.Sum(j => j.TaskCount));
            }
            catch (Exception e) when (e is ServerUnreachableException or ApiException or HttpRequestException or IOException or TaskCanceledException)
            {
                // The server is being restarted: keep the last count.
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The mix: mostly short sums and command jobs, some arrays and dependents, a few checkpointing sums.</summary>
    private static SoakJob Draw(Random random, int tag, int maxTasks, List<long> sums)
    {
        var roll = random.Next(100);
        var n = random.Next(200, 20_000);
        if (roll < 2 || tag < 4)
        {
            // The first few run long enough on a busy machine to be checkpointed periodically (15–30 s of a core each,
            // a minute or more of wall time beside the rest); the others a fraction of a second, checkpointing only
            // when asked. Larger ones (60M and up to 1.5M, as before) kept the 2-core machine's CPU saturated, so the
            // admission's measured CPU held the short jobs back and a 50,000-job soak drained at ~6 jobs/s.
            var big = tag < 4;
            return new SoakJob(tag, 0, SoakKind.Checkpoint, big ? 20_000_000 : random.Next(10_000, 150_000), 1, big ? 200_000 : 50_000, 0);
        }

        if (roll < 17 && maxTasks >= 2)
        {
            var k = random.Next(2, maxTasks + 1);
            return new SoakJob(tag, 0, SoakKind.Array, 0, k, random.Next(3) == 0 ? 2 : 0, 0);
        }

        if (roll < 27 && sums.Count > 0)
        {
            // One of the recent Sum jobs, so most dependencies are still pending when submitted.
            var on = sums[Math.Max(0, sums.Count - 1 - random.Next(20))];
            return new SoakJob(tag, 0, SoakKind.Dependent, n, 1, 0, on);
        }

        return roll < 42 ? new SoakJob(tag, 0, SoakKind.Command, n, 1, 0, 0) : new SoakJob(tag, 0, SoakKind.Sum, n, 1, 0, 0);
    }
}
