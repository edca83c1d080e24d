using System.Runtime.InteropServices;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Remote;

/// <summary>
/// What a client sends a part or an interactive terminal (POST /v1/parts/{id}/input), in order, over a connection of its
/// own beside the one that follows the output: stdin as it comes and its end, the client's own signals, a terminal's size.
/// </summary>
public sealed class PartInputs(OmbApiClient client) : IDisposable
{
    private const int ChunkBytes = 64 * 1024;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _id;

    /// <summary>The part the input is for (set once it is started).</summary>
    public long PartId
    {
        get => Interlocked.Read(ref _id);
        set => Interlocked.Exchange(ref _id, value);
    }

    /// <summary>Sends one input; a failure is dropped (the part's end, which the follower sees, says what happened).</summary>
    public async Task SendAsync(RemotePartInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await client.SendPartInputAsync(PartId, input with { PartId = PartId }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiException or IOException or HttpRequestException or TimeoutException)
        {
            // The part ended or the server went away: the follower reports it.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Relays <paramref name="stdin"/> until its end, then closes the part's (read with blocking calls on a thread of
    /// its own: a terminal's or a pipe's read has nothing to wait on asynchronously).
    /// </summary>
    public Task PumpAsync(Stream stdin, bool closeAtEnd, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        return Task.Factory.StartNew(async () =>
        {
            var buffer = new byte[ChunkBytes];
            while (!ct.IsCancellationRequested)
            {
                int n;
                try
                {
                    n = stdin.Read(buffer);
                }
                catch (IOException)
                {
                    n = 0;
                }

                if (n <= 0)
                {
                    break;
                }

                await SendAsync(new RemotePartInput(0, buffer[..n]), ct).ConfigureAwait(false);
            }

            if (closeAtEnd && !ct.IsCancellationRequested)
            {
                await SendAsync(new RemotePartInput(0, null, Close: true), ct).ConfigureAwait(false);
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Forwards the client's SIGINT, SIGTERM and SIGHUP to the part's process group instead of dying of them (as ssh -t would).</summary>
    public IReadOnlyList<PosixSignalRegistration> ForwardSignals(CancellationToken ct)
    {
        PosixSignalRegistration Forward(PosixSignal signal, int number) => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            _ = SendAsync(new RemotePartInput(0, null, Signal: number), ct);
        });

        return [Forward(PosixSignal.SIGINT, 2), Forward(PosixSignal.SIGTERM, 15), Forward(PosixSignal.SIGHUP, 1)];
    }

    public void Dispose()
    {
        _gate.Dispose();
        client.Dispose();
    }
}
