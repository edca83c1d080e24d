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

    /// <summary>
    /// Arguments of mpiexec before the ones the supervisor adds (e.g. <c>-iface eth1</c>, <c>-genv UCX_TLS tcp</c>). The
    /// supervisor adds <c>-launcher fork</c> for a world on the server's host, and <c>-launcher ssh -hosts …</c> when the
    /// cluster file names the nodes' hosts.
    /// </summary>
    public List<string> LauncherArguments { get; set; } = [];

    /// <summary>
    /// The program mpiexec runs to start its proxy on another host, called as ssh is (<c>PROGRAM -x HOST COMMAND</c>):
    /// empty means ssh itself. An absolute path, e.g. a script that enters a container or a network namespace.
    /// </summary>
    public string HostLauncher { get; set; } = "";

    /// <summary>
    /// A rank not heard from for this long (no tick, no heartbeat) has an unreachable host: the supervisor marks its node
    /// down, stops the world and launches it again without that node. A rank that hears nothing from rank 0 for as long
    /// ends its tasks and leaves, so that a cut-off host does not run them on beside their restarted copies.
    /// </summary>
    public TimeSpan UnreachableAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the server looks whether a node marked down because its host was cut off is back: its health check runs
    /// there (through the host launcher), and when it passes the node rejoins the world (unless an administrator took it
    /// offline meanwhile).
    /// </summary>
    public TimeSpan RejoinInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The rank program; empty means omb-node next to omb-server.</summary>
    public string NodeProgram { get; set; } = "";

    /// <summary>Time between two load exchanges of the ranks.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before relaunching a world that died (doubles on each quick death, up to a minute).</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Each node starts and holds its tasks with one long-lived launcher (omb-shepherd --launcher) instead of an
    /// omb-shepherd process per task: no process start per task but the job's. Off by default.
    /// </summary>
    public bool NodeLauncher { get; set; }

    /// <summary>
    /// The directory ranks detect NVIDIA GPUs under (<c>proc/driver/nvidia/gpus/*</c>, <c>dev/nvidia[0-9]*</c>), passed
    /// to every rank as <c>--gpu-root</c>: empty means "/". A node whose cluster-file entry states <c>"gpus"</c> does not
    /// detect; nor does one that shares its host.
    /// </summary>
    public string GpuRoot { get; set; } = "";

    /// <summary>Between SIGTERM and SIGKILL when a node ends a task.</summary>
    public TimeSpan KillGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A world not heard from for this long is taken as lost and its tasks requeued.</summary>
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromSeconds(15);
}
