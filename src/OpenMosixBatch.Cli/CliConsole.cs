namespace OpenMosixBatch.Cli;

/// <summary>The streams a verb talks to, passed in so that tests can capture them.</summary>
/// <param name="Out">Standard output: results only (a job id, a table, JSON).</param>
/// <param name="Error">Standard error: one line per problem.</param>
/// <param name="OpenStdin">Opens standard input (qsub reads a script from it).</param>
/// <param name="StdinIsTerminal">True when nobody piped anything into stdin.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStdin, bool StdinIsTerminal)
{
    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, Console.OpenStandardInput, !Console.IsInputRedirected);
}
