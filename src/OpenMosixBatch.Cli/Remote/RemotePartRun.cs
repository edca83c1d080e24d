using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Remote;

/// <summary>Starts one part through the server and relays its output until it ends; its exit status is the result.</summary>
public static class RemotePartRun
{
    /// <param name="client">The server.</param>
    /// <param name="request">The part.</param>
    /// <param name="output">Takes each chunk of stdout (true) or stderr (false) as it comes.</param>
    /// <param name="ct">Cancels the wait (the part runs on until its task ends).</param>
    /// <returns>The part's exit status (128 + signal when a signal ended it), and why the node ended or refused it.</returns>
    public static async Task<(int ExitStatus, string? Reason)> RunAsync(OmbApiClient client, RemotePartRequest request, Func<byte[], bool, Task> output,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        var started = await client.StartPartAsync(request, ct).ConfigureAwait(false);
        long stdoutAt = 0, stderrAt = 0;
        while (true)
        {
            var progress = await client.FollowPartAsync(started.PartId, stdoutAt, stderrAt, ct).ConfigureAwait(false);
            if (progress.Stdout.Length > 0)
            {
                await output(progress.Stdout, true).ConfigureAwait(false);
                stdoutAt += progress.Stdout.Length;
            }

            if (progress.Stderr.Length > 0)
            {
                await output(progress.Stderr, false).ConfigureAwait(false);
                stderrAt += progress.Stderr.Length;
            }

            if (progress.ExitStatus is { } status)
            {
                return (status, progress.Reason);
            }
        }
    }
}
