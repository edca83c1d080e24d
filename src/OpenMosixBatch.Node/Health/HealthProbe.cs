using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenMosixBatch.Node.Health;

/// <summary>
/// <c>omb-node --probe NODE [--health-program PATH] [--health-timeout SECONDS]</c>: the check the server runs on a node
/// before it joins (through the world's launcher, so reaching the host is tested too), without MPI. Runs the health
/// program once as a rank would; exit 0 when it passes (or none is configured), else 1 with the reason on stdout.
/// </summary>
public static class HealthProbe
{
    public const string Switch = "--probe";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string? program = null;
        var timeout = TimeSpan.FromMinutes(1);
        if (args.Count < 2 || args.Count % 2 != 0)
        {
            await output.WriteLineAsync("usage: omb-node --probe NODE [--health-program PATH] [--health-timeout SECONDS]").ConfigureAwait(false);
            return 2;
        }

        for (var i = 2; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--health-program":
                    program = args[i + 1];
                    break;
                case "--health-timeout" when double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    await output.WriteLineAsync($"omb-node --probe: bad switch {args[i]} {args[i + 1]}").ConfigureAwait(false);
                    return 2;
            }
        }

        if (program is null)
        {
            return 0;
        }

        var check = new HealthCheck(program, args[1], timeout, timeout, TimeProvider.System, NullLogger.Instance);
        if (await check.RunOnceAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
        {
            await output.WriteLineAsync(failure).ConfigureAwait(false);
            return 1;
        }

        return 0;
    }
}
