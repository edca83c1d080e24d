using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// omb top: one GET /v1/top per frame (a qstat's cost to the server), drawn on the terminal's alternate screen; keys switch
/// the node bars (l, m, s) and q quits. The terminal is given back (cursor, main screen) on every way out, Ctrl-C
/// included. When stdout is not a terminal (or with -b) it prints plain frames: one, or -n of them.
/// </summary>
public static class TopCommand
{
    private const string EnterScreen = "\u001b[?1049h\u001b[?25l";
    private const string LeaveScreen = "\u001b[?25h\u001b[?1049l";
    private const string Home = "\u001b[H\u001b[2J";

    public static async Task<int> RunAsync(TopOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(connect);
        if (double.IsNaN(options.Delay) || options.Delay < 0.2 || options.Delay > 60)
        {
            throw CliFailureException.Usage(string.Create(CultureInfo.InvariantCulture, $"-d {options.Delay}: give the seconds between refreshes, from 0.2 to 60"));
        }

        if (options.Iterations is < 1)
        {
            throw CliFailureException.Usage("-n needs a number of frames of at least 1");
        }

        using var client = connect();
        var delay = TimeSpan.FromSeconds(options.Delay);
        var interactive = !options.Batch && !Console.IsOutputRedirected && !Console.IsInputRedirected;
        if (!interactive)
        {
            for (var frame = 0; frame < (options.Iterations ?? 1); frame++)
            {
                if (frame > 0)
                {
                    await Task.Delay(delay, TimeProvider.System, ct).ConfigureAwait(false);
                    await console.Out.WriteAsync('\n').ConfigureAwait(false);
                }

                var view = await client.GetTopAsync(ct).ConfigureAwait(false);
                await console.Out.WriteAsync(TopScreen.Render(view, TopMode.Load, TimeProvider.System.GetUtcNow(), TimeZoneInfo.Local)).ConfigureAwait(false);
                await console.Out.FlushAsync(ct).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        await console.Out.WriteAsync(EnterScreen).ConfigureAwait(false);
        await console.Out.FlushAsync(ct).ConfigureAwait(false);
        try
        {
            await LoopAsync(options, console, client, delay, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // q or Ctrl-C: the finally gives the terminal back.
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
            await console.Out.WriteAsync(LeaveScreen).ConfigureAwait(false);
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task LoopAsync(TopOptions options, CliConsole console, OmbApiClient client, TimeSpan delay, CancellationToken ct)
    {
        var mode = TopMode.Load;
        for (var frame = 0; options.Iterations is not { } n || frame < n; frame++)
        {
            var view = await client.GetTopAsync(ct).ConfigureAwait(false);
            var rows = Math.Max(3, Console.WindowHeight - 12 - view.Nodes.Count - Math.Max(1, view.Migrations.Count));
            var text = TopScreen.Render(view, mode, TimeProvider.System.GetUtcNow(), TimeZoneInfo.Local, rows) + "keys: l load  m memory  s speed  q quit";
            await console.Out.WriteAsync(Home + text.Replace("\n", "\r\n", StringComparison.Ordinal)).ConfigureAwait(false);
            await console.Out.FlushAsync(ct).ConfigureAwait(false);
            var next = TimeProvider.System.GetTimestamp();
            while (TimeProvider.System.GetElapsedTime(next) < delay)
            {
                if (ReadKey() is { } key)
                {
                    if (key is 'q' or 'Q')
                    {
                        return;
                    }

                    var chosen = key switch { 'l' => TopMode.Load, 'm' => TopMode.Memory, 's' => TopMode.Speed, _ => mode };
                    if (chosen != mode)
                    {
                        mode = chosen;
                        break;
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, ct).ConfigureAwait(false);
            }
        }
    }

    private static char? ReadKey() => Console.KeyAvailable ? Console.ReadKey(intercept: true).KeyChar : null;
}
