namespace OpenMosixBatch.Cli.Remote;

/// <summary>Writes a part's bytes to the console as they come: raw to the process's own streams, decoded for a test's writer.</summary>
public static class PartOutput
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task WriteAsync(CliConsole console, byte[] bytes, bool stdout)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(bytes);
        var writer = stdout ? console.Out : console.Error;
        // One chunk at a time, so the parts of omb dsh never interleave inside a chunk.
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (writer is StreamWriter { BaseStream: { } stream } streamWriter)
            {
                await streamWriter.FlushAsync().ConfigureAwait(false);
                await stream.WriteAsync(bytes).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
            }
            else
            {
                await writer.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes)).ConfigureAwait(false);
                await writer.FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
