using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>qalter: one request for all ids; silent on success, one stderr line per id that was refused (as qdel).</summary>
public static class QalterCommand
{
    public static async Task<int> RunAsync(QalterOptions options, CliConsole console, QsubContext context, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var ids = options.Ids.ToList();
        if (ids.Count == 0)
        {
            throw CliFailureException.Usage("no job id given: name the jobs, e.g. qalter -l walltime=01:00:00 42");
        }

        var change = QalterRequestMapper.Map(options, context);
        using var client = connect();
        var response = await client.AlterJobsAsync(new JobAlterRequest(ids, change), ct).ConfigureAwait(false);
        return await JobActionCommand.ReportRefusalsAsync("qalter", response, console).ConfigureAwait(false);
    }
}
