using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.World;

/// <summary>Ending a world: with the server (the agreed stop, then signals), for a membership change, or when a host is unreachable.</summary>
public sealed partial class WorldSupervisor
{
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
}
