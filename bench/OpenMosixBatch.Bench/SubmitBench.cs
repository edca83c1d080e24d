using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Bench;

/// <summary>
/// <c>omb-bench submit JOBS CLIENTS [LABEL]</c>: durable submissions through the API, CLIENTS clients each sending one
/// submission at a time and waiting for its id (given only after its commit). Each client is a thread of its own with
/// one HTTP/1.1 connection kept open, as a user's tool would submit (<see cref="OmbApiClient.OverKeptConnection"/>);
/// <c>submit-httpclient</c> sends the same through HttpClient (its connection pool, async sockets, the thread pool).
/// </summary>
internal static class SubmitBench
{
    public static async Task<int> RunAsync(int total, int clients, string label, bool httpClient)
    {
        var socket = OmbHome.SocketPath(OmbHome.Resolve());
        var cwd = Environment.CurrentDirectory;
        var script = "#!/bin/bash\n#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:01:00\necho benchmark job $PBS_JOBID\n" + new string('#', 120) + "\n";
        var next = 0;
        var acknowledged = 0;
        var latencies = new double[total];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Factory.StartNew(async () =>
        {
            using var client = httpClient ? new OmbApiClient(socket) : OmbApiClient.OverKeptConnection(socket);
            int i;
            while ((i = Interlocked.Increment(ref next) - 1) < total)
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await client.SubmitAsync(new SubmitRequest(BenchJob.Spec(i, script, cwd))).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (answer.Id > 0)
                {
                    Interlocked.Increment(ref acknowledged);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap())).ConfigureAwait(false);
        clock.Stop();
        if (acknowledged != total)
        {
            throw new InvalidOperationException($"{acknowledged} of {total} submissions acknowledged with an id");
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {total / clock.Elapsed.TotalSeconds:F0}"));
        LatencyFigures.Print($"{label}_latency", latencies, "F2");
        // The client's own CPU per submission (start-up included), to tell a client-bound figure from a server-bound one.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}_client_cpu_us_per_submission: {Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds / total:F0}"));
        return 0;
    }
}
