using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.World;

/// <summary>One world's life: adopted from world.json when it still runs, else launched and recorded; followed until it ends.</summary>
public sealed partial class WorldSupervisor
{
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

        var info = WorldLaunchCommand.For(options.Value, launch, nodes, id);


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

        if (!await FollowUntilEndedAsync(0, () => process.WaitForExitAsync(stoppingToken)).ConfigureAwait(false))
        {
            // StoppingAsync stops the world and waits for it.
            return -1;
        }

        _world = null;
        ForgetEndedWorld();
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
        if (await FollowUntilEndedAsync(log.Exists ? log.Length : 0, () => WaitUntilGoneAsync(record, stoppingToken)).ConfigureAwait(false))
        {
            _adopted = null;
            ForgetEndedWorld();
        }

        return -1;
    }

    /// <summary>Polls the adopted world's process until it is gone.</summary>
    private async Task WaitUntilGoneAsync(WorldRecord record, CancellationToken stoppingToken)
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

    /// <summary>
    /// Follows the world's log (world.log, from <paramref name="logOffset"/>) into the server's until
    /// <paramref name="ended"/> completes, the end of a launched or an adopted world alike.
    /// </summary>
    /// <returns>False when the server stopped first (<paramref name="ended"/> was cancelled).</returns>
    private async Task<bool> FollowUntilEndedAsync(long logOffset, Func<Task> ended)
    {
        using var follow = new CancellationTokenSource();
        var output = new WorldLogFollower(launch.LogFile, logOffset, LogWorldOutput, time).RunAsync(follow.Token);
        try
        {
            await ended().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await follow.CancelAsync().ConfigureAwait(false);
            return false;
        }

        await follow.CancelAsync().ConfigureAwait(false);
        await output.ConfigureAwait(false);
        return true;
    }

    /// <summary>Forgets the world that ended: no record of it is left for the next server to adopt.</summary>
    private void ForgetEndedWorld()
    {
        _record = null;
        File.Delete(launch.PidFile);
        File.Delete(launch.RecordFile);
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
}
