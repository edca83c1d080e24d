using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.World;

/// <summary>
/// Launches the MPI world (<c>mpiexec.hydra … omb-node</c>) when the server is told to (<c>omb up</c>), relaunches it
/// when it dies — its tasks run on under their shepherds and the next world adopts them; those it does not report when
/// it attaches go back to the queue or fail, by their rerunnable flag — and stops it with the server.
/// </summary>
/// <remarks>
/// <para>Only the mpiexec process it started is signalled, by its PID; the ranks end their own tasks.</para>
/// <para>The world does not depend on the server staying alive: it runs in a session of its own, writes its output
/// to OMB_HOME/world.log, and OMB_HOME/world.json records it. A server that was killed leaves it running its tasks; the
/// next server adopts it (rank 0 attaches again and reports what ended meanwhile) instead of launching another.</para>
/// </remarks>
public sealed partial class WorldSupervisor(
    IOptions<OmbServerOptions> options,
    WorldLaunchSettings launch,
    JobQueue queue,
    WorldGateway gateway,
    NodeAdminStates admin,
    ClusterMembership membership,
    TimeProvider time,
    ILogger<WorldSupervisor> logger) : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AlivePoll = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait before looking again when it is unknown whether the recorded world runs.</summary>
    private static readonly TimeSpan UnknownRetry = TimeSpan.FromSeconds(1);
    private Process? _world;
    private volatile WorldRecord? _adopted;

    // The running world's record, launched or adopted: its start time tells it from a process that took its PID.
    private volatile WorldRecord? _record;
    private volatile bool _stopping;
    private string? _worldId;

    /// <summary>Worlds this server launched (adoptions not counted): every launch after the first is a relaunch.</summary>
    private int _launches;

    /// <summary>A membership change asked for the next world: launch it at once, without the restart delay.</summary>
    private volatile bool _relaunchRequested;
    private TaskCompletionSource _relaunchSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The names of the nodes the running world was launched with, in rank order.</summary>
    private volatile IReadOnlyList<NodeSnapshot> _launchedNodes = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.World;
        if (!o.Launch)
        {
            return;
        }

        var delay = o.RestartDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            int? ended;
            try
            {
                ended = await RunOnceAsync(o, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                LogLaunchFailed(e, o.Launcher);
                ended = -1;
            }

            if (stoppingToken.IsCancellationRequested || _stopping)
            {
                return;
            }

            if (ended is not { } exit)
            {
                // Whether the recorded world runs is unknown: nothing was launched and nothing is lost; look again.
                try
                {
                    await Task.Delay(UnknownRetry, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            // Its tasks outlive it: the next world adopts them and reports what ended meanwhile when it attaches.
            var id = _worldId ?? "?";
            await queue.EnqueueAsync(new WorldLostCommand(id, string.Create(CultureInfo.InvariantCulture, $"world {id} exited with status {exit}"), gateway,
                loseTasks: false)).ConfigureAwait(false);
            if (_relaunchRequested)
            {
                // A planned relaunch (a node joins or leaves): the next world starts at once, and no backoff grows.
                _relaunchRequested = false;
                LogRelaunchedForMembership(id, exit);
                continue;
            }

            delay = time.GetElapsedTime(started) > StableAfter ? o.RestartDelay : delay;
            LogWorldDied(id, exit, delay.TotalSeconds);
            try
            {
                var signal = Volatile.Read(ref _relaunchSignal).Task;
                await Task.WhenAny(Task.Delay(delay, time, stoppingToken), signal).ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
                _relaunchRequested = false;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 > MaxRestartDelay ? MaxRestartDelay : delay * 2;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The nodes the next world is launched on: the members, less those whose host was found unreachable.</summary>
    public IReadOnlyList<NodeSnapshot> Desired()
    {
        var entries = admin.Entries;
        return [.. membership.InWorld.Where(n => entries.GetValueOrDefault(n.Name)?.Source != OfflineSource.Unreachable)];
    }

    public override void Dispose()
    {
        _world?.Dispose();
        base.Dispose();
    }
}
