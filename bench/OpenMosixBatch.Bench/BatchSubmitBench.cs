using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Bench;

/// <summary>
/// <c>omb-bench submit-batch JOBS CLIENTS BATCH [LABEL]</c>: the same jobs as <c>submit</c>, through the same API client
/// (HttpClient on the Unix socket), each client sending BATCH jobs a request to <c>POST /v1/jobs/batch</c> and waiting
/// for their ids (one request at a time each). Only jobs the server acknowledged with an id count, so the figure is
/// durable submissions a second, as <c>submit</c>'s is.
/// </summary>
internal static class BatchSubmitBench
{
    public static async Task<int> RunAsync(int total, int clients, int batch, string label)
    {
        var socket = OmbHome.SocketPath(OmbHome.Resolve());
        var cwd = Environment.CurrentDirectory;
        var script = "#!/bin/bash\n#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:01:00\necho benchmark job $PBS_JOBID\n" + new string('#', 120) + "\n";
        var next = 0;
        var acknowledged = 0;
        var ids = new long[total];
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = new OmbApiClient(socket);
            while (true)
            {
                var first = Interlocked.Add(ref next, batch) - batch;
                var count = Math.Min(batch, total - first);
                if (count <= 0)
                {
                    return;
                }

                var specs = new JobSpec[count];
                for (var k = 0; k < count; k++)
                {
                    specs[k] = BenchJob.Spec(first + k, script, cwd);
                }

                var started = Stopwatch.GetTimestamp();
                var response = await client.SubmitBatchAsync(new SubmitBatchRequest(specs)).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }

                for (var k = 0; k < count; k++)
                {
                    ids[first + k] = response.Results[k].Job?.Id ?? throw new InvalidOperationException($"job {first + k} refused: {response.Results[k].Error?.Message}");
                    Interlocked.Increment(ref acknowledged);
                }
            }
        })).ConfigureAwait(false);
        clock.Stop();
        if (acknowledged != total || ids.Distinct().Count() != total)
        {
            throw new InvalidOperationException($"{acknowledged} of {total} submissions acknowledged, {ids.Distinct().Count()} distinct ids");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {total / clock.Elapsed.TotalSeconds:F0}"));
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        LatencyFigures.Print($"{label}_request_latency", sorted, "F2");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}_client_cpu_us_per_submission: {Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds / total:F0}"));
        return 0;
    }
}
