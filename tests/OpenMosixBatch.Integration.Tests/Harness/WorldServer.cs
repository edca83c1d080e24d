using System.Diagnostics;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>
/// A real omb-server that launches and supervises a real mpiexec.hydra world (omb up), on its own OMB_HOME, with the
/// omb CLI and an API client pointed at it. Dispose stops the server by PID (it stops its world), then removes the home.
/// </summary>
public sealed class WorldServer : IAsyncDisposable
{
    // Null when the caller owns the home (e.g. a tmpfs mount the test fills).
    private readonly TempDirectory? _dir;
    private readonly string[] _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private WorldServer(TempDirectory? dir, ServerProcess server, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        _dir = dir;
        Server = server;
        _arguments = arguments;
        _environment = environment;
    }

    public ServerProcess Server { get; private set; }

    public string Home => Server.Home;

    /// <summary>A directory users submit from; output files land here.</summary>
    public string WorkDirectory => Path.Combine(Home, "work");

    public Omb Omb => new(Home);

    public static Task<WorldServer> StartAsync(int nodes, int cpus = 2, string memory = "4gb", params string[] extra) =>
        StartAsync(nodes, _ => ["--nodes", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--node-cpus", cpus.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node-mem", memory, .. extra]);

    /// <summary>
    /// A world shaped by <paramref name="clusterJson"/> (a conf/cluster.json, e.g. with per-node "cpuset"): the
    /// repository's conf/ is copied into the home with that cluster file, and the server runs on it.
    /// </summary>
    public static Task<WorldServer> StartWithClusterAsync(string clusterJson, params string[] extra) =>
        StartWithClusterAsync(clusterJson, null, extra);

    /// <summary>As above, with <paramref name="world"/> merged into conf/omb.json as its "Omb:World" section.</summary>
    public static Task<WorldServer> StartWithClusterAsync(string clusterJson, System.Text.Json.Nodes.JsonObject? world, params string[] extra) =>
        StartWithClusterAsync(clusterJson, world, null, extra);

    /// <summary>As above, with <paramref name="health"/> as conf/omb.json's "Omb:Health" section too.</summary>
    public static Task<WorldServer> StartWithClusterAsync(string clusterJson, System.Text.Json.Nodes.JsonObject? world, System.Text.Json.Nodes.JsonObject? health,
        params string[] extra)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(clusterJson);
        var nodes = doc.RootElement.GetProperty("nodes").GetArrayLength();
        return StartAsync(nodes, home =>
        {
            var conf = Path.Combine(home, "conf");
            Directory.CreateDirectory(conf);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "conf")))
            {
                File.Copy(file, Path.Combine(conf, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(conf, "cluster.json"), clusterJson);
            if (world is not null || health is not null)
            {
                var omb = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(conf, "omb.json")))!;
                // The file's one section, "Omb".
                var section = omb.AsObject().First().Value!;
                if (world is not null)
                {
                    section["World"] = world;
                }

                if (health is not null)
                {
                    section["Health"] = health;
                }

                File.WriteAllText(Path.Combine(conf, "omb.json"), omb.ToJsonString());
            }

            return ["--conf", Path.Combine(conf, "omb.json"), "--world", .. extra];
        });
    }

    /// <summary>A world whose server gets <paramref name="environment"/> (e.g. none, for the product's default of refusing root's tasks).</summary>
    public static Task<WorldServer> StartWithEnvironmentAsync(int nodes, IReadOnlyDictionary<string, string> environment) =>
        StartAsync(nodes, _ => ["--nodes", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node-cpus", "2", "--node-mem", "4gb"], null, environment);

    /// <summary>A world server on <paramref name="home"/>, which the caller owns and removes.</summary>
    public static Task<WorldServer> StartInAsync(string home, int nodes, int cpus = 2, string memory = "4gb") =>
        StartAsync(nodes, _ => ["--nodes", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--node-cpus", cpus.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node-mem", memory], home);

    private static async Task<WorldServer> StartAsync(int nodes, Func<string, string[]> arguments, string? home = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= ServerProcess.RootJobsAllowed;
        var dir = home is null ? new TempDirectory() : null;
        var path = home ?? dir!.Path;
        Directory.CreateDirectory(Path.Combine(path, "work"));
        ServerProcess? server = null;
        try
        {
            var args = arguments(path);
            server = await ServerProcess.StartAsync(path, environment, args);
            var world = new WorldServer(dir, server, args, environment);
            await world.WaitForAsync(async () => (await world.NodesAsync()).Count(n => n.Node.State != NodeState.Down) == nodes,
                TimeSpan.FromSeconds(60), "the world's nodes to come up");
            return world;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            dir?.Dispose();
            throw;
        }
    }

    public async Task<IReadOnlyList<NodeView>> NodesAsync()
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(Home));
        return (await client.ListNodesAsync()).Nodes;
    }

    public async Task<Job> JobAsync(string id)
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(Home));
        return (await client.GetJobAsync(id)).Job;
    }

    /// <summary>qsub from <see cref="WorkDirectory"/>; returns the id.</summary>
    /// <summary>The job's record as JSON, without the measurements a running task updates by itself: to compare before and after a refusal.</summary>
    public async Task<string> StillRecordAsync(string id)
    {
        var job = await JobAsync(id);
        var still = job with { Tasks = [.. job.Tasks.Select(t => t with { CpuTime = default, PeakRssBytes = 0, StayReason = null })] };
        return System.Text.Json.JsonSerializer.Serialize(new Api.Contracts.JobDetailResponse(still), Api.Contracts.OmbJsonContext.Default.JobDetailResponse);
    }

    public async Task<string> QsubAsync(params string[] args)
    {
        var r = await Omb.RunInAsync(WorkDirectory, null, ["qsub", .. args]);
        Assert.True(r.ExitCode == 0, "qsub failed: " + r);
        return r.Stdout.Trim();
    }

    /// <summary>Waits until the job has finished (C, F or X) and returns it.</summary>
    public async Task<Job> WaitFinishedAsync(string id, TimeSpan? timeout = null)
    {
        Job? job = null;
        await WaitForAsync(async () => (job = await JobAsync(id)).State.IsFinished(), timeout ?? TimeSpan.FromSeconds(60), $"job {id} to finish");
        return job!;
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails with the server's log otherwise.</summary>
    public Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => WaitForAsync(condition, timeout, () => what);

    /// <summary>As above, with the description built only on failure, so it can show what the last poll saw.</summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout || Server.HasExited)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0} s waiting for {what()}; server log:\n{Tail(Server.Output, 60)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    /// <summary>kill -9 of the server, as a crash would, then another server on the same home and arguments.</summary>
    public async Task KillServerAndStartAnotherAsync()
    {
        await Server.KillHard();
        await Server.DisposeAsync();
        Server = await ServerProcess.StartAsync(Home, _environment, _arguments);
    }

    /// <summary>SIGTERM of the server, which stops its world (the ranks end their tasks), then another server on the same home and arguments.</summary>
    public async Task StopServerAndStartAnotherAsync()
    {
        await Server.DisposeAsync();
        Server = await ServerProcess.StartAsync(Home, _environment, _arguments);
    }

    /// <summary>mpiexec's PID from OMB_HOME/world.json (the world the server launched or adopted), or 0.</summary>
    public int WorldPid()
    {
        var record = Path.Combine(Home, "world.json");
        return File.Exists(record) ? System.Text.Json.JsonDocument.Parse(File.ReadAllText(record)).RootElement.GetProperty("Pid").GetInt32() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        // A world outlives a killed server: if the last server did not stop it (it failed to start), stop it here.
        var world = WorldPid();
        await Server.DisposeAsync();
        if (world > 0 && ProcStat.IsAlive(world))
        {
            await ChildProcess.RunAsync("/bin/kill", ["-TERM", world.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            for (var i = 0; i < 150 && ProcStat.IsAlive(world); i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }

            if (ProcStat.IsAlive(world))
            {
                await ChildProcess.RunAsync("/bin/kill", ["-KILL", world.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        _dir?.Dispose();
    }

    /// <summary>The last lines the server (and its world) wrote, for a failure message.</summary>
    public string LogTail(int lines) => Tail(Server.Output, lines);

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
