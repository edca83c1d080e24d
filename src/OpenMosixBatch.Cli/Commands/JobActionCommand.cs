using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>qdel, qhold, qrls, qrerun, qmove: one request for all ids; silent on success, one stderr line per id that failed.</summary>
public static class JobActionCommand
{
    public static async Task<int> RunAsync(string verb, IJobActionOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        var ids = options.Ids.ToList();
        if (ids.Count == 0)
        {
            throw CliFailureException.Usage($"no job id given: name the jobs, e.g. {verb} 42 43[]");
        }

        var destination = options.Destination?.Split('@', 2)[0].Trim();
        if (options.Action == JobAction.Move && (string.IsNullOrEmpty(destination) || NameRules.ValidateQueueName(destination) is not null))
        {
            throw CliFailureException.Usage(string.IsNullOrEmpty(destination)
                ? "no destination queue given: name it first, e.g. qmove long 42"
                : NameRules.ValidateQueueName(destination)!);
        }

        using var client = connect();
        var response = await client.ActAsync(new JobActionRequest(options.Action, ids) { Destination = destination }, ct).ConfigureAwait(false);
        return await ReportRefusalsAsync(verb, response, console).ConfigureAwait(false);
    }

    /// <summary>One stderr line per refused id; the exit code of the worst refusal (0 when none).</summary>
    public static async Task<int> ReportRefusalsAsync(string verb, JobActionResponse response, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(console);
        var exitCode = ExitCodes.Success;
        foreach (var result in response.Results.Where(r => !r.Ok))
        {
            await console.Error.WriteLineAsync($"{verb}: {result.Error ?? "refused " + result.Id}").ConfigureAwait(false);
            exitCode = Math.Max(exitCode, ErrorReport.ExitCodeOf(result.ErrorKind ?? ApiErrorKind.Refused));
        }

        return exitCode;
    }
}
