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
    /// <param name="inputs">Where stdin and the client's signals go (omb rsh); null for a part that reads /dev/null.</param>
    /// <param name="stdin">What <paramref name="inputs"/> relays as the part's stdin.</param>
    /// <returns>The part's exit status (128 + signal when a signal ended it), and why the node ended or refused it.</returns>
    public static async Task<(int ExitStatus, string? Reason)> RunAsync(OmbApiClient client, RemotePartRequest request, Func<byte[], bool, Task> output,
        CancellationToken ct, PartInputs? inputs = null, Stream? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var relayed = inputs is not null && stdin is not null;
        var started = await client.StartPartAsync(request with { Stdin = relayed }, ct).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signals = inputs?.ForwardSignals(stop.Token) ?? [];
        try
        {
            if (inputs is not null)
            {
                inputs.PartId = started.PartId;
                if (relayed)
                {
                    _ = inputs.PumpAsync(stdin!, closeAtEnd: true, stop.Token);
                }
            }

            return await FollowAsync(client, started.PartId, output, ct).ConfigureAwait(false);
        }
        finally
        {
            foreach (var s in signals)
            {
                s.Dispose();
            }

            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Relays part <paramref name="partId"/>'s output until its end, whose status and reason it returns.</summary>
    public static async Task<(int ExitStatus, string? Reason)> FollowAsync(OmbApiClient client, long partId, Func<byte[], bool, Task> output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        var started = new RemotePartStarted(partId);
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
