namespace OpenMosixBatch.Cli;

/// <summary>The streams a verb talks to, passed in so that tests can capture them.</summary>
/// <param name="Out">Standard output: results only (a job id, a table, JSON).</param>
/// <param name="Error">Standard error: one line per problem.</param>
/// <param name="OpenStdin">Opens standard input (qsub reads a script from it).</param>
/// <param name="StdinIsTerminal">True when nobody piped anything into stdin.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStdin, bool StdinIsTerminal)
{
    /// <summary>Standard output through a 64 KiB buffer (see <see cref="FromProcess(int)"/>).</summary>
    public static CliConsole FromProcess() => FromProcess(1 << 16);

    /// <remarks>
    /// Console.Out flushes through a tiny buffer, one write(2) per few hundred bytes: qstat over 100,000 jobs made
    /// about 30,000 system calls. Output goes through one buffer of <paramref name="outputBufferBytes"/> instead, taken
    /// on the first write; the caller flushes it before exiting. qsub's small image, which prints a job id, asks for a
    /// small one: a 64 KiB buffer is zeroed and faulted in on its first write, an eighth of that process's allocations.
    /// </remarks>
    public static CliConsole FromProcess(int outputBufferBytes) =>
        new(new StreamWriter(new BufferedStream(new StandardOutputStream(), outputBufferBytes), new System.Text.UTF8Encoding(false), Math.Min(4096, outputBufferBytes)) { AutoFlush = false },
            Console.Error, Console.OpenStandardInput, !Console.IsInputRedirected);
}
