using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>qstat: the table, or with -f the full record of each job; --json prints the server's answer.</summary>
public static class QstatCommand
{
    public static async Task<int> RunAsync(QstatOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        var ids = options.Ids.ToList();
        foreach (var id in ids)
        {
            if (!JobIds.TryParse(id, out _))
            {
                throw CliFailureException.Usage($"invalid job id '{id}': use a number such as 42, 42[] or 42[3]");
            }
        }

        if (new[] { options.Full, options.EstimatedStart, options.Queues, options.ServerStatus }.Count(x => x) > 1)
        {
            throw CliFailureException.Usage("-f, -T, -Q and -B are different listings: give one of them");
        }

        using var client = connect();
        if (options.Queues || options.ServerStatus)
        {
            return await QstatStatusCommand.RunAsync(options, console, client, ct).ConfigureAwait(false);
        }

        if (options.EstimatedStart)
        {
            return await QstatStatusCommand.EstimatesAsync(options, ids, console, client, ct).ConfigureAwait(false);
        }

        if (options.Full)
        {
            return await FullAsync(options, ids, console, client, ct).ConfigureAwait(false);
        }

        if (ids.Count == 0 && !options.Json)
        {
            // The whole queue: each row printed as it is read (a listing of 100,000 jobs is never held whole).
            var body = await client.ListJobsBodyAsync(options.User, options.IncludeFinished, options.ExpandTasks, ct).ConfigureAwait(false);
            var first = true;
            JobListReader.ForEach(body, job =>
            {
                QstatFormatter.Write(console.Out, job, first);
                first = false;
            });
            return ExitCodes.Success;
        }

        var list = await client.ListJobsAsync(options.User, options.IncludeFinished || ids.Count > 0, options.ExpandTasks, ct).ConfigureAwait(false);
        if (ids.Count > 0)
        {
            list = new JobListResponse([.. list.Jobs.Where(j => ids.Any(id => SameJob(id, j.Id)))]);
            var missing = ids.FirstOrDefault(id => !list.Jobs.Any(j => SameJob(id, j.Id)));
            if (missing is not null)
            {
                Print(options, list, console);
                throw CliFailureException.Refused($"unknown job {missing}: check the id with 'qstat -x'");
            }
        }

        Print(options, list, console);
        return ExitCodes.Success;
    }

    private static void Print(QstatOptions options, JobListResponse list, CliConsole console) =>
        console.Out.Write(options.Json
            ? JsonSerializer.Serialize(list, OmbJsonContext.Default.JobListResponse) + "\n"
            : QstatFormatter.Format(list.Jobs));

    private static async Task<int> FullAsync(QstatOptions options, List<string> ids, CliConsole console, OmbApiClient client, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            var all = await client.ListJobsAsync(options.User, options.IncludeFinished, expandTasks: false, ct).ConfigureAwait(false);
            ids = [.. all.Jobs.Select(j => j.Id)];
        }

        var first = true;
        foreach (var id in ids)
        {
            var detail = await client.GetJobAsync(id, ct).ConfigureAwait(false);
            if (options.Json)
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(detail, OmbJsonContext.Default.JobDetailResponse)).ConfigureAwait(false);
                continue;
            }

            if (!first)
            {
                await console.Out.WriteLineAsync().ConfigureAwait(false);
            }

            await console.Out.WriteAsync(QstatFullFormatter.Format(detail.Job, TimeZoneInfo.Local, detail.Estimate)).ConfigureAwait(false);
            first = false;
        }

        return ExitCodes.Success;
    }

    /// <summary>42, 42.host and 42[] all name the row 42 or 42[]; 42[3] names only that element's row.</summary>
    public static bool SameJob(string requested, string rowId) =>
        JobIds.TryParse(requested, out var want) && JobIds.TryParse(rowId, out var row)
        && want.JobId == row.JobId && (want.ArrayIndex is null || want.ArrayIndex == row.ArrayIndex);
}
