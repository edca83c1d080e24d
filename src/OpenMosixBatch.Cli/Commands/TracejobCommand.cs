using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>tracejob: the job's stored events in local time, or --json.</summary>
public static class TracejobCommand
{
    public static async Task<int> RunAsync(TracejobOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        var ids = options.Ids.ToList();
        if (ids.Count != 1)
        {
            throw CliFailureException.Usage(ids.Count == 0 ? "no job id given: name one, e.g. tracejob 42" : $"tracejob traces one job at a time: drop '{ids[1]}'");
        }

        if (!JobIds.TryParse(ids[0], out _))
        {
            throw CliFailureException.Usage($"invalid job id '{ids[0]}': use a number such as 42 or 42[]");
        }

        int? days = null;
        if (options.Days is { } text)
        {
            days = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 1
                ? d
                : throw CliFailureException.Usage($"invalid -n '{text}': give the number of days to look back, e.g. tracejob -n 7 {ids[0]}");
        }

        using var client = connect();
        var trace = await client.TraceJobAsync(ids[0], days, ct).ConfigureAwait(false);
        console.Out.Write(options.Json
            ? JsonSerializer.Serialize(trace, OmbJsonContext.Default.JobEventsResponse) + "\n"
            : TracejobFormatter.Format(trace, TimeZoneInfo.Local));
        return ExitCodes.Success;
    }
}
