using System.Threading.Channels;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The hand-off from callers to the queue's single writer: commands wait here, counted, until the writer takes all
/// that are waiting as one group (group commit).
/// </summary>
internal sealed class QueueInbox
{
    /// <summary>The most commands the writer takes into one group.</summary>
    public const int MaxGroup = 1024;

    private readonly Channel<QueueCommand> _commands = Channel.CreateUnbounded<QueueCommand>(new UnboundedChannelOptions { SingleReader = true });

    // Commands written to the channel and not yet read (the single-reader channel cannot count them).
    private int _waiting;

    /// <summary>The refusal of a command the writer will never take: the server is stopping.</summary>
    public static QueueRefusalException ShuttingDown() =>
        new(new ApiError(ApiErrorKind.Unavailable, "the server is shutting down: nothing was changed; try again when it is back"));

    /// <summary>Commands handed to the writer and not yet taken into a group.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Hands <paramref name="command"/> to the writer, counted in <see cref="Waiting"/>; false once the writer is closed.</summary>
    public bool TryPost(QueueCommand command)
    {
        Interlocked.Increment(ref _waiting);
        if (_commands.Writer.TryWrite(command))
        {
            return true;
        }

        Interlocked.Decrement(ref _waiting);
        return false;
    }

    /// <summary>Waits for commands and fills <paramref name="group"/> with all that wait (at most <see cref="MaxGroup"/>); false once closed.</summary>
    public async Task<bool> NextGroupAsync(List<QueueCommand> group, CancellationToken cancellationToken)
    {
        if (!await _commands.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        group.Clear();
        while (group.Count < MaxGroup && _commands.Reader.TryRead(out var c))
        {
            group.Add(c);
        }

        Interlocked.Add(ref _waiting, -group.Count);
        return true;
    }

    /// <summary>Takes no more commands and refuses those still waiting.</summary>
    public void Close()
    {
        _commands.Writer.TryComplete();
        while (_commands.Reader.TryRead(out var c))
        {
            c.Complete(ShuttingDown());
        }
    }
}
