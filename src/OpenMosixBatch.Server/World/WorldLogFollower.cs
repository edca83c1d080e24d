using System.Text;

namespace OpenMosixBatch.Server.World;

/// <summary>
/// Follows OMB_HOME/world.log, where the world writes its output (a file, not a pipe to the server, so the world
/// outlives a server that dies), and hands each complete line to the server's log.
/// </summary>
internal sealed class WorldLogFollower(string path, long offset, Action<string> line, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Follows until cancelled, then hands over what was written up to then.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var partial = new StringBuilder();
        var buffer = new byte[64 * 1024];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        while (true)
        {
            var stopping = ct.IsCancellationRequested;
            try
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                file.Seek(Math.Min(offset, file.Length), SeekOrigin.Begin);
                int read;
                while ((read = await file.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
                {
                    offset += read;
                    var count = decoder.GetChars(buffer, 0, read, chars, 0);
                    Emit(partial, chars.AsSpan(0, count));
                }
            }
            catch (IOException)
            {
                // Not created yet, or removed with the home: nothing to follow now.
            }

            if (stopping)
            {
                return;
            }

            try
            {
                await Task.Delay(Interval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // One last read below picks up the world's final lines.
            }
        }
    }

    private void Emit(StringBuilder partial, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c == '\n')
            {
                if (partial.Length > 0)
                {
                    line(partial.ToString());
                }

                partial.Clear();
            }
            else
            {
                partial.Append(c);
            }
        }
    }
}
