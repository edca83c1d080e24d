namespace OpenMosixBatch.Server.World;

/// <summary>Section "Omb:World": whether the server launches and supervises its own MPI world, and how.</summary>
public sealed class WorldOptions
{
    /// <summary>Launch a world with mpiexec and relaunch it when it dies (<c>omb up</c>); false waits for a world started by hand.</summary>
    public bool Launch { get; set; }

    /// <summary>Ranks to launch; 0 means one per node of the cluster file.</summary>
    public int Nodes { get; set; }

    /// <summary>CPUs of every launched node, overriding the cluster file.</summary>
    public int? NodeCpus { get; set; }

    /// <summary>Memory of every launched node (e.g. 4gb), overriding the cluster file.</summary>
    public string? NodeMemory { get; set; }

    /// <summary>The MPICH launcher; never plain mpirun, which Debian may point at Open MPI.</summary>
    public string Launcher { get; set; } = "mpiexec.hydra";

    /// <summary>Arguments before the per-rank programs; the fork launcher keeps a local world off ssh.</summary>
    public List<string> LauncherArguments { get; set; } = ["-launcher", "fork"];

    /// <summary>The rank program; empty means omb-node next to omb-server.</summary>
    public string NodeProgram { get; set; } = "";

    /// <summary>Time between two load exchanges of the ranks.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before relaunching a world that died (doubles on each quick death, up to a minute).</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Between SIGTERM and SIGKILL when a node ends a task.</summary>
    public TimeSpan KillGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A world not heard from for this long is taken as lost and its tasks requeued.</summary>
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromSeconds(15);
}
