using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Bench;

/// <summary>
/// <c>omb-bench array ELEMENTS REPEATS [LABEL]</c>: submits REPEATS arrays of ELEMENTS tasks each (<c>-t 0-N -- /bin/true</c>)
/// one after the other through the API and prints the median and p95 of the time from request to durable id.
/// </summary>
internal static class ArrayBench
{
    public static async Task<int> RunAsync(int elements, int repeats, string label)
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(OmbHome.Resolve()));
        var cwd = Environment.CurrentDirectory;
        var spec = new JobSpec
        {
            Name = "array",
            Command = ["/bin/true"],
            WorkingDirectory = cwd,
            SubmitDirectory = cwd,
            Array = new ArraySpec([.. Enumerable.Range(0, elements)]),
        };
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.SubmitAsync(new SubmitRequest(spec)).ConfigureAwait(false);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        LatencyFigures.Print(label, times);
        return 0;
    }
}
