using OpenMosixBatch.Api.Client;

namespace OpenMosixBatch.Cli.Tests;

/// <summary>Runs <see cref="CliApp"/> in-process with captured output and a temporary directory of its own (no server in it).</summary>
internal sealed class CliRun : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("omb-cli-").FullName;

    public StringWriter Out { get; } = new();

    public StringWriter Err { get; } = new();

    /// <summary>The lines written to stderr, empty ones left out.</summary>
    public string[] ErrorLines => Err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public Task<int> RunAsync(string verb, params string[] args) =>
        CliApp.RunAsync("omb", [verb, .. args], new CliConsole(Out, Err, () => Stream.Null, StdinIsTerminal: true),
            () => new OmbApiClient(Path.Combine(Dir, "none.sock")), CancellationToken.None);

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        Out.Dispose();
        Err.Dispose();
    }
}
