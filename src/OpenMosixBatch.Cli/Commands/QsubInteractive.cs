using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Remote;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>qsub -I [-l ...] [script | -- command]</c>: submits an interactive job, waits for it in the queue, then joins this terminal
/// to the job's terminal on its node (through the server and the world, never ssh) until the job's shell ends. The
/// decisions are <see cref="InteractiveSession"/>'s; this carries them out.
/// </summary>
public static class QsubInteractive
{
    private static readonly TimeSpan WaitingPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a lost server is tried again.</summary>
    private static readonly TimeSpan ReconnectPoll = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(QsubOptions options, QsubArguments arguments, CliConsole console, QsubContext context,
        Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(connect);
        if (arguments.Positionals.Count > 0 && arguments.Command is not null)
        {
            throw CliFailureException.Usage($"qsub -I takes a script ('{arguments.Positionals[0]}') or a command after --, not both: drop one");
        }

        if (arguments.Positionals.Count > 1)
        {
            throw CliFailureException.Usage(
                $"qsub -I does not run the script's body, so '{arguments.Positionals[1]}' has nothing to go to: drop the arguments (the script's #PBS lines are still read)");
        }

        // As PBS Pro: a script's directives are read, its body is not run; the job runs the user's login shell, or the command given.
        var script = arguments.Positionals.Count == 1 ? QsubCommand.ReadScriptFile(arguments.Positionals[0], [], context) : null;
        var shell = Environment.GetEnvironmentVariable("SHELL") is { Length: > 0 } s && Path.IsPathRooted(s) ? s : "/bin/sh";
        var spec = QsubRequestMapper.MapInteractive(options, script, arguments.Command ?? [shell, "-i"], context);
        if (spec.Array is not null)
        {
            throw CliFailureException.Usage("qsub -I cannot run a job array: drop -t/-J (from the command line or the script's #PBS lines), or submit the array without -I");
        }

        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal)
        {
            ["TERM"] = Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } term ? term : "dumb",
        };
        spec = spec with { Interactive = true, Environment = environment };

        using var client = connect();
        var submitted = await client.SubmitAsync(new SubmitRequest(spec), ct).ConfigureAwait(false);
        var display = submitted.DisplayId;
        await console.Error.WriteLineAsync(InteractiveSession.Waiting(display)).ConfigureAwait(false);
        using var session = new Session(client, connect, console, submitted.Id, display);
        return await session.RunAsync(ct).ConfigureAwait(false);
    }

    /// <summary>One session: the machine's phase, and the client's side of what it decides.</summary>
    private sealed class Session(OmbApiClient client, Func<OmbApiClient> connect, CliConsole console, long jobId, string display) : IDisposable
    {
        private readonly TaskCompletionSource _interrupted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TerminalMode _terminal = new();
        private InteractivePhase _phase = InteractivePhase.Waiting;
        private int? _exit;
        private PartInputs? _inputs;
        private long _terminalId;
        private long _stdoutAt;
        private PosixSignalRegistration? _winch;
        private long? _lostSince;

        public async Task<int> RunAsync(CancellationToken ct)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // Ctrl-C while waiting (the terminal is not raw yet); SIGTERM and SIGHUP at any time.
            var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
                .Select(signal => PosixSignalRegistration.Create(signal, c =>
                {
                    c.Cancel = true;
                    _interrupted.TrySetResult();
                })).ToList();
            try
            {
                _terminalId = (await client.OpenTerminalAsync(jobId, ct).ConfigureAwait(false)).PartId;
                while (_exit is null)
                {
                    // A lost server is tried again (the queue and the running job survive its restart) until the session gives up.
                    try
                    {
                        await StepAsync(stop.Token).ConfigureAwait(false);
                        _lostSince = null;
                    }
                    catch (Exception e) when (IsServerLoss(e))
                    {
                        _lostSince ??= TimeProvider.System.GetTimestamp();
                        await ApplyAsync(new InteractiveEvent.ServerLost(e.Message, TimeProvider.System.GetElapsedTime(_lostSince.Value)), ct).ConfigureAwait(false);
                    }
                }

                return _exit.Value;
            }
            catch (Exception e) when (IsServerLoss(e))
            {
                await ApplyAsync(new InteractiveEvent.ServerLost(e.Message, InteractiveSession.ReconnectFor), ct).ConfigureAwait(false);
                return _exit ?? InteractiveSession.ServerLostStatus;
            }
            finally
            {
                _terminal.Restore();
                foreach (var r in registrations)
                {
                    r.Dispose();
                }

                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            _terminal.Dispose();
            _winch?.Dispose();
            _inputs?.Dispose();
        }

        private async Task StepAsync(CancellationToken ct)
        {
            if (_interrupted.Task.IsCompleted)
            {
                await ApplyAsync(new InteractiveEvent.Interrupted(), ct).ConfigureAwait(false);
                return;
            }

            if (_phase is InteractivePhase.WaitingForServer or InteractivePhase.Detached)
            {
                await Task.WhenAny(_interrupted.Task, Task.Delay(ReconnectPoll, ct)).ConfigureAwait(false);
                if (!_interrupted.Task.IsCompleted)
                {
                    // Throws while the server is still away; once it answers, the session goes on where it was.
                    var seen = (await client.GetJobAsync(jobId.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false)).Job;
                    await ApplyAsync(new InteractiveEvent.ServerBack(), ct).ConfigureAwait(false);
                    await ApplyAsync(new InteractiveEvent.JobSeen(seen.State, seen.ExitStatus), ct).ConfigureAwait(false);
                }

                return;
            }

            if (_phase == InteractivePhase.Waiting)
            {
                var job = (await client.GetJobAsync(jobId.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false)).Job;
                await ApplyAsync(new InteractiveEvent.JobSeen(job.State, job.ExitStatus), ct).ConfigureAwait(false);
                if (_phase == InteractivePhase.Waiting)
                {
                    await Task.WhenAny(_interrupted.Task, Task.Delay(WaitingPoll, ct)).ConfigureAwait(false);
                }

                return;
            }

            // Attached: the output until the terminal ends; when a follow brings nothing, a look at the job.
            var progress = await client.FollowPartAsync(_terminalId, _stdoutAt, 0, ct).ConfigureAwait(false);
            if (progress.Stdout.Length > 0)
            {
                await PartOutput.WriteAsync(console, progress.Stdout, stdout: true).ConfigureAwait(false);
                _stdoutAt += progress.Stdout.Length;
            }

            if (progress.ExitStatus is { } status)
            {
                await ApplyAsync(new InteractiveEvent.TerminalEnded(status, progress.Reason), ct).ConfigureAwait(false);
            }
            else if (progress.Stdout.Length == 0)
            {
                var job = (await client.GetJobAsync(jobId.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false)).Job;
                await ApplyAsync(new InteractiveEvent.JobSeen(job.State, job.ExitStatus), ct).ConfigureAwait(false);
            }
        }

        private async Task ApplyAsync(InteractiveEvent e, CancellationToken ct)
        {
            var (phase, actions) = InteractiveSession.Decide(_phase, e, display);
            _phase = phase;
            foreach (var action in actions)
            {
                switch (action)
                {
                    case InteractiveAction.Say say:
                        // A raw terminal does not turn a line feed into a new line.
                        await console.Error.WriteAsync(say.Line + (InteractiveSession.IsRaw(_phase) ? "\r\n" : "\n")).ConfigureAwait(false);
                        await console.Error.FlushAsync(ct).ConfigureAwait(false);
                        break;
                    case InteractiveAction.EnterRawMode:
                        _terminal.EnterRaw();
                        break;
                    case InteractiveAction.StartRelay:
                        StartRelay(ct);
                        break;
                    case InteractiveAction.ResumeRelay:
                        await ResumeRelayAsync(ct).ConfigureAwait(false);
                        break;
                    case InteractiveAction.RestoreTerminal:
                        _terminal.Restore();
                        break;
                    case InteractiveAction.DeleteJob:
                        await DeleteAsync().ConfigureAwait(false);
                        break;
                    case InteractiveAction.Exit exit:
                        _exit = exit.Status;
                        break;
                    default:
                        break;
                }
            }
        }

        private void StartRelay(CancellationToken ct)
        {
            _inputs = new PartInputs(connect()) { PartId = _terminalId };
            if (TerminalMode.Size() is { } size)
            {
                _ = _inputs.SendAsync(new RemotePartInput(0, null, Rows: size.Rows, Columns: size.Columns), ct);
            }

            // The window's size follows the user's terminal (SIGWINCH).
            _winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, c =>
            {
                c.Cancel = true;
                if (TerminalMode.Size() is { } now)
                {
                    _ = _inputs.SendAsync(new RemotePartInput(0, null, Rows: now.Rows, Columns: now.Columns), ct);
                }
            });

            // File descriptor 0 as it is: Console's stream would edit lines of its own on a terminal.
            var stdin = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
            _ = _inputs.PumpAsync(stdin, closeAtEnd: false, ct);
        }

        /// <summary>Opens the terminal's relay on the server that came back, from what was read; keys go to it again.</summary>
        private async Task ResumeRelayAsync(CancellationToken ct)
        {
            try
            {
                _terminalId = (await client.OpenTerminalAsync(jobId, _stdoutAt, ct).ConfigureAwait(false)).PartId;
            }
            catch (ApiException)
            {
                // The job ended while the server was away and left no relay: the job's state, looked at next, ends the session.
            }
        }

        /// <summary>The server cannot be reached, or is not ready yet (it answers 503 while it starts or stops).</summary>
        private static bool IsServerLoss(Exception e) =>
            e is IOException or HttpRequestException or TimeoutException or System.Net.Sockets.SocketException or ServerUnreachableException
                or ApiException { Error.Kind: ApiErrorKind.Unavailable };

        private async Task DeleteAsync()
        {
            try
            {
                using var deleter = connect();
                await deleter.ActAsync(new JobActionRequest(JobAction.Delete, [jobId.ToString(CultureInfo.InvariantCulture)])).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ApiException or IOException or HttpRequestException or TimeoutException)
            {
                // Already gone, or the server is: nothing more to withdraw.
            }
        }
    }
}
