using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Node.World;

/// <summary>
/// How many of the queued events one world report carries: all of them, unless their output (omb rsh parts' bytes)
/// passes <see cref="OutputBytes"/>. Without a bound, events that piled up while the server was slow made a report the
/// server refuses as too large (Omb:Limits:MaxRequestBodySize), again at every retry, and the world reported nothing more.
/// </summary>
public static class ReportBatch
{
    /// <summary>The most output bytes a report carries (about 1.4 MB as JSON), far under the server's 32 MiB default.</summary>
    public const int OutputBytes = 1024 * 1024;

    /// <summary>How many events from the head of <paramref name="pending"/> go in the next report: at least one, when there is one.</summary>
    public static int Count(IReadOnlyList<TaskEvent> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        long bytes = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            bytes += (pending[i].Stdout?.Length ?? 0) + (pending[i].Stderr?.Length ?? 0);
            if (bytes > OutputBytes && i > 0)
            {
                return i;
            }
        }

        return pending.Count;
    }
}
