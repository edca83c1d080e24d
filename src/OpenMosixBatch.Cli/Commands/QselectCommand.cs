using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Selection;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>qselect: the matching ids one a line (so that <c>qdel $(qselect -u ada -s Q)</c> works), or --json.</summary>
public static class QselectCommand
{
    public static async Task<int> RunAsync(QselectOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        var selection = QselectRequestMapper.Map(options);
        using var client = connect();
        var response = await client.SelectJobsAsync(new JobSelectRequest(selection), ct).ConfigureAwait(false);
        console.Out.Write(options.Json
            ? JsonSerializer.Serialize(response, OmbJsonContext.Default.JobSelectResponse) + "\n"
            : string.Concat(response.Ids.Select(id => id + "\n")));
        return ExitCodes.Success;
    }
}
