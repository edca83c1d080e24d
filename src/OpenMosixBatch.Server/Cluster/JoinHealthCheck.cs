using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Health;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// Runs a node's health check on the node before it joins (<c>omb-node --probe</c>, which runs Omb:Health:Program once
/// with OMB_NODE set, as a rank does): on the server's host for a node without a host, else through the world's host
/// launcher (ssh, or Omb:World:HostLauncher) exactly as mpiexec reaches the node, so an unreachable host fails too.
/// </summary>
/// <remarks>
/// Like Slurm's HealthCheckProgram run by slurmd at registration, and PBS's node_check_script. It runs as the server's
/// user (root on a production host); a run that outlives the check's timeout plus the launch allowance is killed.
/// </remarks>
public sealed class JoinHealthCheck(IOptions<OmbServerOptions> options, WorldLaunchSettings launch)
{
    /// <summary>Allowance over the check's own timeout for reaching the host and starting omb-node.</summary>
    public static readonly TimeSpan LaunchAllowance = TimeSpan.FromSeconds(30);

    /// <summary>Null when the node passed; else why not, for pbsnodes.</summary>
    public async Task<string?> RunAsync(NodeSnapshot node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        var health = options.Value.Health;
        if (health.Program.Length == 0 && node.Host is null)
        {
            // Nothing to check, and no host to reach: a node of the server's own host.
            return null;
        }

        var probe = new List<string>(launch.NodeCommand) { "--probe", node.Name };
        if (health.Program.Length > 0)
        {
            probe.AddRange(["--health-program", health.Program, "--health-timeout", health.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)]);
        }

        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (node.Host is { } host)
        {
            // As hydra calls it: PROGRAM -x HOST COMMAND, the remote command one shell-quoted string.
            var world = options.Value.World;
            info.FileName = world.HostLauncher.Length > 0 ? world.HostLauncher : "ssh";
            foreach (var a in new[] { "-x", host, string.Join(' ', probe.Select(Quote)) })
            {
                info.ArgumentList.Add(a);
            }
        }
        else
        {
            info.FileName = probe[0];
            foreach (var a in probe.Skip(1))
            {
                info.ArgumentList.Add(a);
            }
        }

        var limit = health.Timeout + LaunchAllowance;
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("no process");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return string.Create(CultureInfo.InvariantCulture, $"its health check did not finish within {limit.TotalSeconds:0} s on {node.Host ?? "this host"}");
            }

            return HealthCheckOutcome.Failure(process.ExitCode, limit, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return $"cannot run its health check ({info.FileName}: {e.Message})";
        }
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
