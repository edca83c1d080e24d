// Load driver for bench/*.sh: submits jobs through the real API with concurrent clients and prints one figure a line.
using System.Globalization;
using OpenMosixBatch.Bench;

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

if (args.Length < 3 || args[0] is not ("submit" or "submit-httpclient" or "dispatch"))
{
    await Console.Error.WriteLineAsync("usage: omb-bench submit|submit-httpclient JOBS CLIENTS [LABEL] | submit-raw JOBS CLIENTS DEPTH [LABEL] | submit-batch JOBS CLIENTS BATCH [LABEL] | array ELEMENTS REPEATS [LABEL] | dispatch JOBS CLIENTS [LABEL [QUEUED]] | running NODE|- ID... | moved ID | makespan ID... | "
        + "soak-submit JOBS SECONDS SEED CLIENTS LEDGER JOBS_DIR BACKLOG | soak-check LEDGER QSTAT_JSON DATABASE WORK_DIR | soak-timeline DATABASE [BUCKET_SECONDS] | accounting-db DATABASE JOBS DAYS   (OMB_HOME names the server)");
    return 2;
}

if (args[0] == "dispatch")
{
    return await DispatchBench.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : "dispatch",
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0);
}

return await SubmitBench.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
    args.Length > 3 ? args[3] : "api_submissions_per_second", httpClient: args[0] == "submit-httpclient");
