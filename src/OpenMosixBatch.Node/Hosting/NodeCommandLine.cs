using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Node.Hosting;

/// <summary>
/// omb node's switches. <c>--server SOCKET</c> is the queue server's socket (rank 0 connects to it); the node's
/// capacity comes from <c>--shape FILE</c> (one entry per rank, written by the server that launches the world),
/// else <c>--node-cpus</c>/<c>--node-mem</c>/<c>--node-speed</c>, else is measured.
/// </summary>
public sealed record NodeCommandLine
{
    public const string Usage = "usage: omb node --server SOCKET [--world-id ID] [--shape FILE | --node-cpus N --node-mem SIZE [--node-speed X]] [--spool DIR] [--tick SECONDS] [--kill-grace SECONDS] [--migrate-grace SECONDS] [--unreachable-after SECONDS] [--health-program PATH [--health-interval SECONDS] [--health-timeout SECONDS]] [--allow-root-jobs true|false] [--node-launcher true|false] [--max-checkpoint-size SIZE] [--gpu-root DIR]";

    public required string Server { get; init; }

    public string? WorldId { get; init; }

    public string? ShapeFile { get; init; }

    public int? NodeCpus { get; init; }

    public long? NodeMemoryBytes { get; init; }

    public double? NodeSpeed { get; init; }

    public string? Spool { get; init; }

    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a migration's source waits for the task's checkpoint exit before it drops the move.</summary>
    public TimeSpan MigrateGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A rank other than 0 that hears nothing from rank 0 for this long ends its tasks and exits; null never.</summary>
    public TimeSpan? UnreachableAfter { get; init; }

    /// <summary>The node's health check program (run every <see cref="HealthInterval"/>), or null for none.</summary>
    public string? HealthProgram { get; init; }

    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether a root node runs tasks whose owner is root (Omb:Security:AllowRootJobs); off unless given.</summary>
    public bool AllowRootJobs { get; init; }

    /// <summary>
    /// Whether the node's tasks are started and held by one long-lived launcher per node (Omb:World:NodeLauncher)
    /// instead of an omb-shepherd process per task; off unless given.
    /// </summary>
    public bool NodeLauncher { get; init; }

    /// <summary>The largest checkpoint a task may make (Omb:Limits:MaxCheckpointSize, which the server passes on).</summary>
    public long MaxCheckpointBytes { get; init; } = CheckpointSizeLimit.DefaultBytes;

    /// <summary>The directory GPU detection reads <c>proc/driver/nvidia/gpus</c> and <c>dev/nvidia*</c> under: "/" but in tests.</summary>
    public string GpuRoot { get; init; } = "/";

    /// <summary>The parsed switches, or one line naming the bad switch and the usage.</summary>
    public static (NodeCommandLine? Line, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is not ("--server" or "--world-id" or "--shape" or "--node-cpus" or "--node-mem" or "--node-speed" or "--spool" or "--tick" or "--kill-grace" or "--migrate-grace" or "--unreachable-after" or "--health-program" or "--health-interval" or "--health-timeout" or "--allow-root-jobs" or "--node-launcher" or "--max-checkpoint-size" or "--gpu-root") || i + 1 >= args.Count)
            {
                return (null, $"omb node: unknown or incomplete switch '{a}': {Usage}");
            }

            values[a] = args[++i];
        }

        if (!values.TryGetValue("--server", out var server))
        {
            return (null, $"omb node: --server SOCKET is required (the queue server's socket, e.g. ~/.omb/omb.sock): {Usage}");
        }

        var line = new NodeCommandLine { Server = server, WorldId = values.GetValueOrDefault("--world-id"), ShapeFile = values.GetValueOrDefault("--shape"), Spool = values.GetValueOrDefault("--spool"),
            HealthProgram = values.GetValueOrDefault("--health-program") is { Length: > 0 } health ? health : null,
            GpuRoot = values.GetValueOrDefault("--gpu-root") is { Length: > 0 } gpuRoot ? gpuRoot : "/" };
        if (values.TryGetValue("--allow-root-jobs", out var allowRoot))
        {
            if (allowRoot is not ("true" or "false"))
            {
                return (null, $"omb node: --allow-root-jobs '{allowRoot}' is not true or false: use e.g. --allow-root-jobs false");
            }

            line = line with { AllowRootJobs = allowRoot == "true" };
        }

        if (values.TryGetValue("--node-launcher", out var nodeLauncher))
        {
            if (nodeLauncher is not ("true" or "false"))
            {
                return (null, $"omb node: --node-launcher '{nodeLauncher}' is not true or false: use e.g. --node-launcher true");
            }

            line = line with { NodeLauncher = nodeLauncher == "true" };
        }

        if (values.TryGetValue("--node-cpus", out var cpus))
        {
            if (!int.TryParse(cpus, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c < 1)
            {
                return (null, $"omb node: --node-cpus '{cpus}' is not a whole number ≥ 1: use e.g. --node-cpus 2");
            }

            line = line with { NodeCpus = c };
        }

        if (values.TryGetValue("--node-mem", out var mem))
        {
            if (SizeParser.Parse(mem) is not { Ok: true, Value: > 0 } size)
            {
                return (null, $"omb node: --node-mem '{mem}' is not a size: use e.g. --node-mem 4gb");
            }

            line = line with { NodeMemoryBytes = size.Value };
        }

        if (values.TryGetValue("--max-checkpoint-size", out var checkpoint))
        {
            if (SizeParser.Parse(checkpoint) is not { Ok: true, Value: >= CheckpointSizeLimit.FloorBytes and <= CheckpointSizeLimit.CeilingBytes } limit)
            {
                return (null, $"omb node: --max-checkpoint-size '{checkpoint}' is not a size from {SizeParser.Format(CheckpointSizeLimit.FloorBytes)} to {SizeParser.Format(CheckpointSizeLimit.CeilingBytes)}: use e.g. --max-checkpoint-size {CheckpointSizeLimit.DefaultText}");
            }

            line = line with { MaxCheckpointBytes = limit.Value };
        }

        foreach (var (key, apply) in new (string, Func<double, NodeCommandLine>)[]
        {
            ("--node-speed", v => line with { NodeSpeed = v }),
            ("--tick", v => line with { Tick = TimeSpan.FromSeconds(v) }),
            ("--kill-grace", v => line with { KillGrace = TimeSpan.FromSeconds(v) }),
            ("--migrate-grace", v => line with { MigrateGrace = TimeSpan.FromSeconds(v) }),
            ("--unreachable-after", v => line with { UnreachableAfter = TimeSpan.FromSeconds(v) }),
            ("--health-interval", v => line with { HealthInterval = TimeSpan.FromSeconds(v) }),
            ("--health-timeout", v => line with { HealthTimeout = TimeSpan.FromSeconds(v) }),
        })
        {
            if (values.TryGetValue(key, out var text))
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v <= 0 || v > 3600)
                {
                    return (null, $"omb node: {key} '{text}' is not a positive number (seconds or a factor): use e.g. {key} 1");
                }

                line = apply(v);
            }
        }

        return (line, null);
    }
}
