using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.World;

/// <summary>What the supervisor launches: the ranks' shape, the rank program, and where it keeps its files.</summary>
/// <param name="Nodes">One entry per rank.</param>
/// <param name="NodeCommand">The rank program and its first arguments (e.g. omb-node, or dotnet omb-node.dll).</param>
/// <param name="Home">OMB_HOME.</param>
public sealed record WorldLaunchSettings(IReadOnlyList<NodeSnapshot> Nodes, IReadOnlyList<string> NodeCommand, string Home)
{
    public string ShapeFile => Path.Combine(Home, "world-shape.json");

    /// <summary>mpiexec's PID while a world runs, so an operator (or a test) can find what the server started.</summary>
    public string PidFile => Path.Combine(Home, "world.pid");

    /// <summary>The running world's <see cref="WorldRecord"/>, which a later server adopts.</summary>
    public string RecordFile => Path.Combine(Home, "world.json");

    /// <summary>The world's output (mpiexec's and every rank's), which the server follows into its own log.</summary>
    public string LogFile => Path.Combine(Home, "world.log");

    /// <summary>The rank program: the configured one, else omb-node beside omb-server (its apphost, or its dll under dotnet).</summary>
    public static IReadOnlyList<string> ResolveNodeCommand(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return [configured];
        }

        var apphost = Path.Combine(AppContext.BaseDirectory, "omb-node");
        return File.Exists(apphost) ? [apphost] : ["dotnet", Path.Combine(AppContext.BaseDirectory, "omb-node.dll")];
    }
}
