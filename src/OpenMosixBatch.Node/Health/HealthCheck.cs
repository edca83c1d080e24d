using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Health;

namespace OpenMosixBatch.Node.Health;

/// <summary>
/// Runs the node's health check program every interval (Slurm's HealthCheckProgram / HealthCheckInterval), with
/// OMB_NODE set so that one script can check every node, and keeps the latest failure for the tick's report.
/// </summary>
/// <remarks>A run that outlives its timeout is killed (its process tree, by PID) and counts as failing.</remarks>
public sealed partial class HealthCheck(string program, string node, TimeSpan interval, TimeSpan timeout, TimeProvider time, ILogger logger)
{
    private volatile string? _failure;

    /// <summary>Why the latest run failed, or null while it passes (and before the first run ends).</summary>
    public string? Failure => _failure;

    /// <summary>Runs the check now and then every interval until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var failure = await RunOnceAsync(ct).ConfigureAwait(false);
            if (ct.IsCancellationRequested)
            {
                return;
            }

            if (failure != _failure)
            {
                if (failure is null)
                {
                    LogPassing(node);
                }
                else
                {
                    LogFailing(node, failure);
                }
            }

            _failure = failure;
            try
            {
                await Task.Delay(interval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One run: null when it passed, else the failure message.</summary>
    public async Task<string?> RunOnceAsync(CancellationToken ct)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.Environment["OMB_NODE"] = node;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return $"cannot run {program}: {e.Message}";
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            int? status;
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                status = process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                status = null;
            }

            // A killed check's grandchildren may hold its pipes open: take what was written so far.
            var output = await Read(stdout).ConfigureAwait(false);
            var errors = await Read(stderr).ConfigureAwait(false);
            return HealthCheckOutcome.Failure(status, timeout, output, errors);
        }
    }

    private static async Task<string> Read(Task<string> text)
    {
        try
        {
            return await text.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException)
        {
            return "";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} fails its health check: {Failure}")]
    private partial void LogFailing(string node, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} passes its health check")]
    private partial void LogPassing(string node);
}
