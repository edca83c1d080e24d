using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Calibration;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb calibrate</c>: the tool the openMosix developers left "under development". On the running world it submits a
/// calibration job per ballast size, moves each between two nodes (one warm-up move, then the measured ones), times a
/// file write and read in OMB_HOME, fits the line (<see cref="MigrationCalibration"/>) and prints the overheads and
/// mfscosts lines; <c>--write</c> sets them like <c>omb tune set</c>. Its jobs are deleted whatever happens, Ctrl-C too.
/// </summary>
public static class CalibrateCommand
{
    public const string Verb = "calibrate";

    public static async Task<int> RunAsync(Verbs.CalibrateOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var plan = CalibrationPlan.From(options);
        if (options.ConfDirectory is { } conf && !Directory.Exists(conf))
        {
            throw CliFailureException.Usage($"--conf {conf}: no such directory: name the directory that holds overheads and mfscosts, e.g. --conf conf");
        }

        using var client = connect();
        var up = UpNodes((await client.ListNodesAsync(ct).ConfigureAwait(false)).Nodes);
        var before = await client.GetTunablesAsync(ct).ConfigureAwait(false);
        var overheads = Overheads.FromValues([.. before.Overheads.Select(v => (long)v)]);
        var mfs = MfsCosts.FromValues([.. before.MfsCosts.Select(v => (long)v)]);

        // Ctrl-C and SIGTERM cancel the measuring, so that the jobs are deleted before omb exits.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        var verbose = options.Verbose ? console.Error : TextWriter.Null;
        var jobs = new CalibrationJobs(client, TimeProvider.System);
        List<(int Mib, CalibrationSample Sample)> moves;
        try
        {
            moves = await MeasureAsync(jobs, plan, up, verbose, interrupted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The finally below deletes the jobs before this reaches the user.
            throw new CliFailureException(ExitCodes.Interrupted, "interrupted: the calibration jobs were deleted and no value was changed");
        }
        finally
        {
            await jobs.DeleteAllAsync(console.Error).ConfigureAwait(false);
        }

        var home = OmbHome.Resolve();
        var io = FileIoProbe.Measure(home, Math.Max(4, plan.SizesMib.Max()) * 1024L * 1024, repeats: 3);
        var (outcome, error) = MigrationCalibration.Calibrate([.. moves.Select(m => m.Sample)], io, overheads, mfs);
        if (outcome is null)
        {
            throw CliFailureException.Refused(error!);
        }

        await verbose.WriteAsync(CalibrationReport.Text(moves, outcome, overheads, mfs)).ConfigureAwait(false);
        var overheadsLine = TunablesFormatter.Format(outcome.Overheads);
        var mfsLine = TunablesFormatter.Format(outcome.MfsCosts);
        await console.Out.WriteLineAsync(overheadsLine).ConfigureAwait(false);
        await console.Out.WriteLineAsync(mfsLine).ConfigureAwait(false);
        if (options.ConfDirectory is { } directory)
        {
            WriteAtomically(Path.Combine(directory, "overheads"), TunablesFormatter.FormatFile(outcome.Overheads));
            WriteAtomically(Path.Combine(directory, "mfscosts"), TunablesFormatter.FormatFile(outcome.MfsCosts));
            await verbose.WriteLineAsync($"omb calibrate: wrote {directory}/overheads and {directory}/mfscosts").ConfigureAwait(false);
        }

        if (options.Write)
        {
            await client.SetOverheadsAsync(new TunablesSetRequest(overheadsLine), ct).ConfigureAwait(false);
            await client.SetMfsCostsAsync(new TunablesSetRequest(mfsLine), ct).ConfigureAwait(false);
            await verbose.WriteLineAsync("omb calibrate: applied to the running world and stored in OMB_HOME/tunables/ (omb tune get shows them)").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>The nodes a job can run on and move to; refuses unless there are two.</summary>
    private static List<string> UpNodes(IReadOnlyList<NodeView> nodes)
    {
        var up = nodes.Where(n => n.Node.State is NodeState.Free or NodeState.Busy).Select(n => n.Node.Name).Order(StringComparer.Ordinal).ToList();
        return up.Count switch
        {
            0 => throw CliFailureException.Refused("no execution world is running (no node is up): start one with './omb up --nodes 2', then calibrate on it"),
            1 => throw CliFailureException.Refused($"only {up[0]} is up: calibrate moves jobs between two nodes; bring another up (pbsnodes -a shows why it is down or offline)"),
            _ => up,
        };
    }

    /// <summary>
    /// One job per size, all started first; then rounds in which every job moves once, to the other of two up nodes,
    /// so that a slow spell of the machine falls on every size alike. Round 0 is a warm-up and is not counted: the
    /// job's first checkpoint may still be writing its ballast.
    /// </summary>
    private static async Task<List<(int Mib, CalibrationSample Sample)>> MeasureAsync(CalibrationJobs jobs, CalibrationPlan plan, List<string> up, TextWriter verbose, CancellationToken ct)
    {
        var submitted = new List<(int Mib, string Id)>();
        foreach (var mib in plan.SizesMib)
        {
            submitted.Add((mib, await jobs.SubmitAsync(mib, ct).ConfigureAwait(false)));
        }

        var where = new Dictionary<string, string>();
        foreach (var (mib, id) in submitted)
        {
            where[id] = await jobs.WaitRunningAsync(id, ct).ConfigureAwait(false);
            await verbose.WriteLineAsync($"omb calibrate: job {id} with {mib} MiB of ballast runs on {where[id]}").ConfigureAwait(false);
        }

        var moves = new List<(int, CalibrationSample)>();
        for (var round = 0; round <= plan.Repeat; round++)
        {
            foreach (var (mib, id) in submitted)
            {
                var target = where[id] == up[0] ? up[1] : up[0];
                var sample = await jobs.MoveAsync(id, target, ct).ConfigureAwait(false);
                await verbose.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"omb calibrate: {(round == 0 ? "warm-up" : "move")} of job {id} ({mib} MiB) {where[id]} -> {target}: {sample.Cost.TotalMilliseconds:0} ms, {sample.CheckpointBytes} bytes")).ConfigureAwait(false);
                where[id] = target;
                if (round > 0)
                {
                    moves.Add((mib, sample));
                }
            }
        }

        return moves;
    }

    /// <summary>Temporary file, flushed, then renamed over the old one: a reader finds the old file or the new one, whole.</summary>
    private static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes(content));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
