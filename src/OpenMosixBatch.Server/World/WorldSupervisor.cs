using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Execution;
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

    /// <summary>
    /// Stops the world before any hosted service stops (the web server included): the Stop order needs the order
    /// stream, and the world's last reports need the socket and the queue.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        gateway.StopDispatching();
        // An unknown (unreadable /proc) counts as running: the stop order costs nothing if the world is gone.
        var pid = _world is { HasExited: false } world ? world.Id : _adopted is { } adopted && adopted.Liveness() != ProcessLiveness.Gone ? adopted.Pid : 0;
        if (pid > 0)
        {
            // The agreed stop: rank 0 tells every rank, each ends its tasks, MPI finalises.
            gateway.Send(new WorldOrder(WorldOrderKind.Stop, Reason: "the server is stopping"));
            if (!await ExitedWithinAsync(options.Value.World.KillGrace + TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            {
                // mpiexec.hydra passes SIGTERM on to the ranks, which end their tasks; SIGKILL is the last resort.
                LogStopEscalated(pid, "SIGTERM");
                _ = ProcessSignals.Terminate(pid);
                if (!await ExitedWithinAsync(options.Value.World.KillGrace + TimeSpan.FromSeconds(2)).ConfigureAwait(false))
                {
                    LogStopEscalated(pid, "SIGKILL");
                    _ = ProcessSignals.KillNow(pid);
                    _ = await ExitedWithinAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
            }

            File.Delete(launch.RecordFile);
        }

        if (_worldId is { } id)
        {
            var lost = await queue.EnqueueAsync(new WorldLostCommand(id, "the world was stopped with the server", gateway)).ConfigureAwait(false);
            LogStopped(id, lost);
        }

        // A world started by hand keeps running; its stream ends now and it attaches again to the next server.
        gateway.Close();
    }

    /// <summary>
    /// Launches the next world now because the membership changed (a node joined or left): the running world is
    /// stopped by SIGTERM (each rank leaves its tasks to their shepherds, and the next world's ranks adopt them), and
    /// the next one starts at once with <see cref="ClusterMembership.InWorld"/>. A world being launched meanwhile is
    /// checked against the membership once it is recorded.
    /// </summary>
    /// <returns>False when this server does not launch its world (a world started by hand).</returns>
    public bool RequestRelaunch(string reason)
    {
        if (!options.Value.World.Launch || _stopping)
        {
            return false;
        }

        _relaunchRequested = true;
        Interlocked.Exchange(ref _relaunchSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (_record is { } record && record.Liveness() != ProcessLiveness.Gone)
        {
            var desired = Desired();
            if (_launchedNodes.Count == desired.Count && _launchedNodes.Zip(desired).All(p => ClusterMembership.SameCapacity(p.First, p.Second)))
            {
                // Already the world wanted (the change was undone, or came while this world was being launched).
                _relaunchRequested = false;
                return true;
            }

            LogRelaunching(_worldId ?? "?", record.Pid, reason);
            _ = ProcessSignals.Terminate(record.Pid);
            _ = KillIfStillRunningAsync(record, options.Value.World.KillGrace + TimeSpan.FromSeconds(5));
        }

        return true;
    }

    /// <summary>The nodes the next world is launched on: the members, less those whose host was found unreachable.</summary>
    public IReadOnlyList<NodeSnapshot> Desired()
    {
        var entries = admin.Entries;
        return [.. membership.InWorld.Where(n => entries.GetValueOrDefault(n.Name)?.Source != OfflineSource.Unreachable)];
    }

    /// <summary>
    /// Stops the running world by its PID because a rank's host is unreachable (the world hangs rather than dies):
    /// SIGTERM, which mpiexec passes to the ranks it still reaches, then SIGKILL after the kill grace. The supervision
    /// loop then requeues the world's tasks and launches the next world without the nodes marked unreachable.
    /// </summary>
    /// <returns>False when this server runs no world (one started by hand, or none yet).</returns>
    public bool StopUnreachableWorld(string reason)
    {
        if (_record is not { } record || _stopping || record.Liveness() == ProcessLiveness.Gone)
        {
            return false;
        }

        LogStoppingUnreachable(_worldId ?? "?", record.Pid, reason);
        _ = ProcessSignals.Terminate(record.Pid);
        _ = KillIfStillRunningAsync(record, options.Value.World.KillGrace + TimeSpan.FromSeconds(2));
        return true;
    }

    /// <summary>
    /// mpiexec waits for the proxy it cannot reach, so SIGTERM alone rarely ends it. SIGKILL goes only to a process
    /// seen alive with the recorded start time, never to a PID that might have been reused.
    /// </summary>
    private async Task KillIfStillRunningAsync(WorldRecord record, TimeSpan grace)
    {
        var since = time.GetTimestamp();
        ProcessLiveness liveness;
        while ((liveness = record.Liveness()) != ProcessLiveness.Gone)
        {
            if (liveness == ProcessLiveness.Alive && time.GetElapsedTime(since) > grace)
            {
                LogStopEscalated(record.Pid, "SIGKILL");
                _ = ProcessSignals.KillNow(record.Pid);
                return;
            }

            await Task.Delay(AlivePoll, time).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _world?.Dispose();
        base.Dispose();
    }

    /// <summary>Adopts the recorded world or launches one, and waits for it to end.</summary>
    /// <returns>Its exit status; null when it is unknown whether the recorded world runs (then nothing was launched).</returns>
    private async Task<int?> RunOnceAsync(WorldOptions o, CancellationToken stoppingToken)
    {
        // Launch only on positive evidence that no world runs: a second world beside a living one would run its tasks twice.
        WorldRecord? record;
        try
        {
            record = WorldRecord.Read(launch.RecordFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWorldUnknown(e.Message.ReplaceLineEndings(" "), launch.RecordFile);
            return null;
        }

        switch (record?.Liveness())
        {
            case ProcessLiveness.Alive:
                return await RunAdoptedAsync(record!, stoppingToken).ConfigureAwait(false);
            case ProcessLiveness.Unknown:
                LogWorldUnknown($"could not read /proc/{record!.Pid.ToString(CultureInfo.InvariantCulture)}/stat", launch.RecordFile);
                return null;
            default:
                break;
        }

        // Nodes whose host was found unreachable stay out until they pass their check again (or pbsnodes -c).
        var nodes = Desired();
        if (nodes.Count == 0)
        {
            // No world follows to adopt what ran: the tasks of the last one are lost now.
            LogNoReachableNode(membership.InWorld.Count);
            await queue.EnqueueAsync(new WorldLostCommand(_worldId ?? "-", "no node is reachable to launch a world on", gateway)).ConfigureAwait(false);
            return -1;
        }

        var id = "w" + Guid.NewGuid().ToString("N")[..12];
        _worldId = id;
        File.WriteAllText(launch.ShapeFile, WorldShape.ToJson(nodes));

        // A session of its own and a log file, not pipes to this process: the world outlives a server that dies.
        // exec keeps one PID from sh to setsid (not a group leader, so it does not fork) to mpiexec. The log is opened
        // under the server's umask (077: it is the server's), then the world gets the umask the server was started
        // with: each rank makes its own files private and gives that one to the users' tasks.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec >\"$OMB_WORLD_LOG\" 2>&1 </dev/null; umask \"$OMB_WORLD_UMASK\"; exec setsid \"$0\" \"$@\"");
        info.ArgumentList.Add(o.Launcher);
        info.Environment["OMB_WORLD_LOG"] = launch.LogFile;
        info.Environment["OMB_WORLD_UMASK"] = FileCreationMask.Octal(FileCreationMask.Inherited);
        foreach (var a in o.LauncherArguments.Concat(WorldHosts.LauncherArguments(nodes, o)))
        {
            info.ArgumentList.Add(a);
        }

        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(nodes.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var a in launch.NodeCommand)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in new[]
        {
            "--server", OmbHome.SocketPath(launch.Home), "--world-id", id, "--shape", launch.ShapeFile,
            "--spool", Path.Combine(launch.Home, "spool"), "--tick", Seconds(o.TickInterval), "--kill-grace", Seconds(o.KillGrace),
            "--allow-root-jobs", options.Value.Security.AllowRootJobs ? "true" : "false",
            "--node-launcher", o.NodeLauncher ? "true" : "false",
            "--unreachable-after", Seconds(o.UnreachableAfter),
            "--max-checkpoint-size", options.Value.Limits.CheckpointBytes.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(a);
        }

        var health = options.Value.Health;
        if (health.Program.Length > 0)
        {
            foreach (var a in new[] { "--health-program", health.Program, "--health-interval", Seconds(health.Interval), "--health-timeout", Seconds(health.Timeout) })
            {
                info.ArgumentList.Add(a);
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + o.Launcher);
        if (Interlocked.Increment(ref _launches) > 1)
        {
            Metrics.ServerMeter.WorldRelaunches.Add(1);
        }

        _world = process;
        _launchedNodes = nodes;
        await RecordOrStopAsync(process, id).ConfigureAwait(false);
        LogLaunched(id, nodes.Count, process.Id, string.Join(' ', info.ArgumentList.Skip(2)));
        if (_relaunchRequested)
        {
            // The membership changed while this world was being launched.
            _ = RequestRelaunch("the membership changed during the launch");
        }

        using var follow = new CancellationTokenSource();
        var output = new WorldLogFollower(launch.LogFile, 0, LogWorldOutput, time).RunAsync(follow.Token);
        try
        {
            await process.WaitForExitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // StoppingAsync stops the world and waits for it.
            await follow.CancelAsync().ConfigureAwait(false);
            return -1;
        }

        await follow.CancelAsync().ConfigureAwait(false);
        await output.ConfigureAwait(false);
        _world = null;
        _record = null;
        File.Delete(launch.PidFile);
        File.Delete(launch.RecordFile);
        if (process.ExitCode == 127)
        {
            throw new InvalidOperationException($"{o.Launcher} or setsid was not found (see {launch.LogFile})");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// A world an earlier server launched is still running: it is this server's now. Its rank 0 attaches by itself;
    /// this only follows its log and notices when it ends (its exit status is lost with the server that launched it).
    /// </summary>
    private async Task<int> RunAdoptedAsync(WorldRecord record, CancellationToken stoppingToken)
    {
        _worldId = record.WorldId;
        _adopted = record;
        _record = record;
        LogAdopted(record.WorldId, record.Pid);
        var log = new FileInfo(launch.LogFile);
        using var follow = new CancellationTokenSource();
        var output = new WorldLogFollower(launch.LogFile, log.Exists ? log.Length : 0, LogWorldOutput, time).RunAsync(follow.Token);
        try
        {
            // Only positive evidence ends it: an unreadable /proc (too many open files) is no proof that the world died.
            var unknown = false;
            ProcessLiveness liveness;
            while ((liveness = record.Liveness()) != ProcessLiveness.Gone)
            {
                if (liveness == ProcessLiveness.Unknown && !unknown)
                {
                    LogWorldUnknown($"could not read /proc/{record.Pid.ToString(CultureInfo.InvariantCulture)}/stat", launch.RecordFile);
                }

                unknown = liveness == ProcessLiveness.Unknown;
                await Task.Delay(AlivePoll, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await follow.CancelAsync().ConfigureAwait(false);
            return -1;
        }

        await follow.CancelAsync().ConfigureAwait(false);
        await output.ConfigureAwait(false);
        _adopted = null;
        _record = null;
        File.Delete(launch.PidFile);
        File.Delete(launch.RecordFile);
        return -1;
    }

    private async Task<bool> ExitedWithinAsync(TimeSpan limit)
    {
        var deadline = time.GetTimestamp();
        while (_world is { HasExited: false } || (_adopted is { } adopted && adopted.Liveness() != ProcessLiveness.Gone))
        {
            if (time.GetElapsedTime(deadline) > limit)
            {
                return false;
            }

            await Task.Delay(AlivePoll / 4, time).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Records the world just launched (world.json, world.pid). A world the next server could not find there would
    /// not be adopted but launched a second time beside it, so one that cannot be recorded is stopped at once, before
    /// it attaches and is given tasks.
    /// </summary>
    private async Task RecordOrStopAsync(Process process, string id)
    {
        try
        {
            var record = WorldRecord.Of(process.Id, id);
            record?.Write(launch.RecordFile);
            _record = record;
            File.WriteAllText(launch.PidFile, process.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnrecorded(e.Message.ReplaceLineEndings(" "), id, process.Id);
            _ = ProcessSignals.Terminate(process.Id);
            using var grace = new CancellationTokenSource(options.Value.World.KillGrace + TimeSpan.FromSeconds(2), time);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            _world = null;
            throw;
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
