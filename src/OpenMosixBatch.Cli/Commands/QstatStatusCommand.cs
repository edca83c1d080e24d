using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>qstat -T (estimated starts), -Q (queues) and -B (server); --json prints the server's answer.</summary>
public static class QstatStatusCommand
{
    public static async Task<int> RunAsync(QstatOptions options, CliConsole console, OmbApiClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(client);
        if (options.Ids.Any())
        {
            throw CliFailureException.Usage($"{(options.Queues ? "-Q" : "-B")} takes no job ids: drop them, or use qstat -f ID");
        }

        if (options.Queues)
        {
            var queues = await client.ListQueuesAsync(ct).ConfigureAwait(false);
            await console.Out.WriteAsync(options.Json ? JsonSerializer.Serialize(queues, OmbJsonContext.Default.QueueListResponse) + "\n"
                : QstatQueueFormatter.Format(queues.Queues)).ConfigureAwait(false);
        }
        else
        {
            var status = await client.GetServerStatusAsync(ct).ConfigureAwait(false);
            await console.Out.WriteAsync(options.Json ? JsonSerializer.Serialize(status, OmbJsonContext.Default.ServerStatus) + "\n"
                : QstatServerFormatter.Format(status, TimeZoneInfo.Local)).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    public static async Task<int> EstimatesAsync(QstatOptions options, IReadOnlyList<string> ids, CliConsole console, OmbApiClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(client);
        var list = await client.ListEstimatesAsync(options.User, ct).ConfigureAwait(false);
        if (ids.Count > 0)
        {
            list = new EstimateListResponse([.. list.Jobs.Where(j => ids.Any(id => QstatCommand.SameJob(id, j.Id)))]);
        }

        await console.Out.WriteAsync(options.Json ? JsonSerializer.Serialize(list, OmbJsonContext.Default.EstimateListResponse) + "\n"
            : QstatEstimateFormatter.Format(list.Jobs, TimeProvider.System.GetUtcNow(), TimeZoneInfo.Local)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
