using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>qsig: one request for all ids; silent on success, one stderr line per id that failed (as qdel).</summary>
public static class QsigCommand
{
    public static async Task<int> RunAsync(QsigOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        var ids = options.Ids.ToList();
        if (ids.Count == 0)
        {
            throw CliFailureException.Usage("no job id given: name the jobs, e.g. qsig -s TERM 42");
        }

        // Checked here too, so that a typo costs no round trip; the server checks again.
        var signal = options.Signal ?? QsigOptions.DefaultSignal;
        if (SignalParser.Parse(signal) is { Ok: false } bad)
        {
            throw CliFailureException.Usage(bad.Error!);
        }

        using var client = connect();
        var response = await client.SignalJobsAsync(new JobSignalRequest(signal, ids), ct).ConfigureAwait(false);
        return await JobActionCommand.ReportRefusalsAsync("qsig", response, console).ConfigureAwait(false);
    }
}
