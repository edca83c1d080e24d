using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb tune get|set "V1 … V14"</c> and <c>omb tune mfs get|set "V1 … V6"</c>: the openMosix tunables of the running
/// server (DESIGN §6). The server validates a set (its one-line refusal names the wrong value) and applies it to the
/// world at once.
/// </summary>
public static class TuneCommand
{
    public const string Verb = "tune";

    private const string Usage = "use omb tune get, omb tune set \"81 150 39 38 0 11 0 18 0 18 0 12 8141 351\", omb tune mfs get or omb tune mfs set \"36 40 14 19 88 56\" (add --json to get)";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count > 0 && args[0] is "--help" or "-h" or "help")
        {
            await console.Out.WriteLineAsync("usage of omb tune: " + Usage).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var json = args.Contains("--json");
        var words = args.Where(a => a != "--json").ToList();
        var mfs = words.Count > 0 && words[0] == "mfs";
        if (mfs)
        {
            words.RemoveAt(0);
        }

        var what = mfs ? "omb tune mfs" : "omb tune";
        switch (words)
        {
            case ["get"]:
                using (var client = connect())
                {
                    var view = await client.GetTunablesAsync(ct).ConfigureAwait(false);
                    await WriteAsync(view, mfs, json, console).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

            case ["set", .. var values] when values.Count > 0:
                var text = string.Join(' ', values);
                using (var client = connect())
                {
                    var request = new TunablesSetRequest(text);
                    var view = mfs ? await client.SetMfsCostsAsync(request, ct).ConfigureAwait(false) : await client.SetOverheadsAsync(request, ct).ConfigureAwait(false);
                    await WriteAsync(view, mfs, json, console).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

            case ["set"]:
                throw CliFailureException.Usage($"{what} set needs the values: " + Usage);
            case []:
                throw CliFailureException.Usage($"no {what} command given: " + Usage);
            default:
                throw CliFailureException.Usage($"unknown {what} command '{string.Join(' ', words)}': " + Usage);
        }
    }

    private static Task WriteAsync(TunablesView view, bool mfs, bool json, CliConsole console) =>
        console.Out.WriteAsync(json
            ? JsonSerializer.Serialize(view, OmbJsonContext.Default.TunablesView) + "\n"
            : mfs ? TunablesViewText.MfsCosts(view) : TunablesViewText.Overheads(view));
}
