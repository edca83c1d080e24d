// Load driver for bench/*.sh: submits jobs through the real API with concurrent clients and prints one figure a line.
using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Bench;
using OpenMosixBatch.Core.Jobs;

if (args.Length >= 2 && args[0] is "running" or "moved" or "makespan")
{
    return await MigrateBench.RunAsync(args);
}

if (args.Length == 8 && args[0] == "soak-submit")
{
    return await SoakSubmitter.RunAsync(args[1..]);
}

if (args.Length == 5 && args[0] == "soak-check")
{
    return SoakCheck.Run(args[1..]);
}

if (args.Length is 2 or 3 && args[0] == "soak-timeline")
{
    return SoakTimeline.Run(args[1..]);
}

if (args.Length is 4 or 5 && args[0] == "submit-raw")
{
    return await RawSubmitBench.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
        int.Parse(args[3], CultureInfo.InvariantCulture), args.Length > 4 ? args[4] : "raw_submissions_per_second");
}

if (args.Length is 4 or 5 && args[0] == "submit-batch")
{
    return await BatchSubmitBench.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
        int.Parse(args[3], CultureInfo.InvariantCulture), args.Length > 4 ? args[4] : "batch_submissions_per_second");
}

if (args.Length == 4 && args[0] == "accounting-db")
{
    return AccountingBench.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
}

if (args.Length is 3 or 4 && args[0] == "array")
{
    return await ArrayBench.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : "array_submit");
}

if (args.Length < 3 || args[0] is not ("submit" or "dispatch"))
{
    await Console.Error.WriteLineAsync("usage: omb-bench submit JOBS CLIENTS [LABEL] | submit-raw JOBS CLIENTS DEPTH [LABEL] | submit-batch JOBS CLIENTS BATCH [LABEL] | array ELEMENTS REPEATS [LABEL] | dispatch JOBS CLIENTS [LABEL [QUEUED]] | running NODE|- ID... | moved ID | makespan ID... | "
        + "soak-submit JOBS SECONDS SEED CLIENTS LEDGER JOBS_DIR BACKLOG | soak-check LEDGER QSTAT_JSON DATABASE WORK_DIR | soak-timeline DATABASE [BUCKET_SECONDS] | accounting-db DATABASE JOBS DAYS   (OMB_HOME names the server)");
    return 2;
}

if (args[0] == "dispatch")
{
    return await DispatchBench.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : "dispatch",
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0);
}

var total = int.Parse(args[1], CultureInfo.InvariantCulture);
var clients = int.Parse(args[2], CultureInfo.InvariantCulture);
var label = args.Length > 3 ? args[3] : "api_submissions_per_second";
var socket = OmbHome.SocketPath(OmbHome.Resolve());
var cwd = Environment.CurrentDirectory;
var script = "#!/bin/bash\n#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:01:00\necho benchmark job $PBS_JOBID\n" + new string('#', 120) + "\n";
var next = 0;
var latencies = new double[total];
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
{
    using var client = new OmbApiClient(socket);
    int i;
    while ((i = Interlocked.Increment(ref next) - 1) < total)
    {
        var spec = BenchJob.Spec(i, script, cwd);
        var started = Stopwatch.GetTimestamp();
        await client.SubmitAsync(new SubmitRequest(spec));
        latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}));
clock.Stop();
Array.Sort(latencies);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {total / clock.Elapsed.TotalSeconds:F0}"));
LatencyFigures.Print($"{label}_latency", latencies, "F2");
// The client's own CPU per submission (start-up included), to tell a client-bound figure from a server-bound one.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}_client_cpu_us_per_submission: {Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds / total:F0}"));
return 0;
