using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.World;

/// <summary>The command that launches a world: <c>sh</c>, <c>setsid</c>, then the launcher (mpiexec) running the node program on each node.</summary>
internal static class WorldLaunchCommand
{
    /// <summary>The launch of world <paramref name="id"/> on <paramref name="nodes"/>, one rank each, in their order.</summary>
    public static ProcessStartInfo For(OmbServerOptions options, WorldLaunchSettings launch, IReadOnlyList<NodeSnapshot> nodes, string id)
    {
        var o = options.World;

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
            "--allow-root-jobs", options.Security.AllowRootJobs ? "true" : "false",
            "--node-launcher", o.NodeLauncher ? "true" : "false",
            "--unreachable-after", Seconds(o.UnreachableAfter),
            "--max-checkpoint-size", options.Limits.CheckpointBytes.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(a);
        }

        if (o.GpuRoot.Length > 0)
        {
            info.ArgumentList.Add("--gpu-root");
            info.ArgumentList.Add(o.GpuRoot);
        }

        var health = options.Health;
        if (health.Program.Length > 0)
        {
            foreach (var a in new[] { "--health-program", health.Program, "--health-interval", Seconds(health.Interval), "--health-timeout", Seconds(health.Timeout) })
            {
                info.ArgumentList.Add(a);
            }
        }

        return info;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
