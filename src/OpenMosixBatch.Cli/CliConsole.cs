namespace OpenMosixBatch.Cli;

/// <summary>The streams a verb talks to, passed in so that tests can capture them.</summary>
/// <param name="Out">Standard output: results only (a job id, a table, JSON).</param>
/// <param name="Error">Standard error: one line per problem.</param>
/// <param name="OpenStdin">Opens standard input (qsub reads a script from it).</param>
/// <param name="StdinIsTerminal">True when nobody piped anything into stdin.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStdin, bool StdinIsTerminal)
{
    /// <remarks>
    /// Console.Out flushes through a tiny buffer, one write(2) per few hundred bytes: qstat over 100,000 jobs made
    /// about 30,000 system calls. Output goes through one 64 KiB buffer instead, taken on the first write (a writer's
    /// own 64 Ki-char buffer would be zeroed at every start); the caller flushes it before exiting.
    /// </remarks>
    public static CliConsole FromProcess() =>
        new(new StreamWriter(new BufferedStream(new StandardOutputStream(), 1 << 16), new System.Text.UTF8Encoding(false), 4096) { AutoFlush = false },
            Console.Error, Console.OpenStandardInput, !Console.IsInputRedirected);
}
