using System.Globalization;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// omb server's switches: --home DIR, --conf FILE, --cpu-threshold PCT, --mem-threshold PCT, --log-format simple|json, --no-migration,
/// --tcp-listen IP:PORT (Omb:Tcp:Listen),
/// and for a world it launches itself (omb up): --world, --nodes N, --node-cpus C, --node-mem SIZE; --restore-backup [FILE] first puts
/// the newest backup (or FILE) in place of a damaged database.
/// </summary>
public sealed record ServerCommandLine(string? Home, string? ConfFile, double? CpuThreshold, double? MemoryThreshold, string LogFormat, bool Help)
{
    public const string Usage = "usage: omb server [--home DIR] [--conf FILE] [--cpu-threshold PCT] [--mem-threshold PCT] [--log-format simple|json] [--no-migration] [--tcp-listen IP:PORT] [--world [--nodes N] [--node-cpus C] [--node-mem SIZE]] [--restore-backup [FILE]]";

    /// <summary>Launch and supervise a world (<c>--world</c>; implied by the three below).</summary>
    public bool LaunchWorld { get; init; }

    public int? Nodes { get; init; }

    /// <summary><c>--restore-backup [FILE]</c>: before opening the database, replace it with a backup (keeping the old file aside).</summary>
    public bool RestoreBackup { get; init; }

    /// <summary>The backup to restore; null means the newest in OMB_HOME/backup/.</summary>
    public string? RestoreBackupFile { get; init; }

    /// <summary><c>--no-migration</c>: the world never moves a task (Omb:Migration:Enabled=false).</summary>
    public bool NoMigration { get; init; }

    public int? NodeCpus { get; init; }

    public string? NodeMemory { get; init; }

    /// <summary><c>--tcp-listen IP:PORT</c>: also listen on TCP for token holders (Omb:Tcp:Listen; checked by the options validator).</summary>
    public string? TcpListen { get; init; }

    /// <summary>The parsed switches, or one line naming the bad switch and the usage.</summary>
    public static (ServerCommandLine? Line, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? home = null, conf = null, logFormat = "simple", nodeMemory = null, restoreFile = null, tcpListen = null;
        double? cpu = null, mem = null;
        int? nodes = null, nodeCpus = null;
        var world = false;
        var noMigration = false;
        var restore = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "-h" or "--help")
            {
                return (new ServerCommandLine(null, null, null, null, "simple", true), null);
            }

            if (a == "--world")
            {
                world = true;
                continue;
            }

            if (a == "--no-migration")
            {
                noMigration = true;
                continue;
            }

            if (a == "--restore-backup")
            {
                restore = true;
                if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    restoreFile = args[++i];
                }

                continue;
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"omb server: unknown or incomplete switch '{a}': {Usage}");
            }

            var v = args[++i];
            switch (a)
            {
                case "--home": home = v; break;
                case "--conf": conf = v; break;
                case "--tcp-listen": tcpListen = v; break;
                case "--log-format" when v is "simple" or "json": logFormat = v; break;
                case "--nodes" or "--node-cpus":
                    if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        return (null, $"omb server: {a} '{v}' is not a whole number ≥ 1: use e.g. {a} 4");
                    }

                    if (a == "--nodes")
                    {
                        nodes = count;
                    }
                    else
                    {
                        nodeCpus = count;
                    }

                    world = true;
                    break;
                case "--node-mem":
                    if (OpenMosixBatch.Core.Parsing.SizeParser.Parse(v) is not { Ok: true, Value: > 0 })
                    {
                        return (null, $"omb server: --node-mem '{v}' is not a size: use e.g. --node-mem 4gb");
                    }

                    nodeMemory = v;
                    world = true;
                    break;
                case "--cpu-threshold" or "--mem-threshold":
                    if (!double.TryParse(v.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var pct))
                    {
                        return (null, $"omb server: {a} '{v}' is not a percentage: use e.g. {a} 80");
                    }

                    if (a == "--cpu-threshold")
                    {
                        cpu = pct;
                    }
                    else
                    {
                        mem = pct;
                    }

                    break;
                default:
                    return (null, $"omb server: unknown or incomplete switch '{a}': {Usage}");
            }
        }

        return (new ServerCommandLine(home, conf, cpu, mem, logFormat!, false) { LaunchWorld = world, NoMigration = noMigration, Nodes = nodes, NodeCpus = nodeCpus, NodeMemory = nodeMemory, RestoreBackup = restore, RestoreBackupFile = restoreFile, TcpListen = tcpListen }, null);
    }

    /// <summary>The switches as configuration keys, so they override conf/omb.json and the environment.</summary>
    public Dictionary<string, string?> AsConfiguration()
    {
        var c = new Dictionary<string, string?>();
        if (Home is not null)
        {
            c["Omb:Home"] = Home;
        }

        if (CpuThreshold is { } cpu)
        {
            c["Omb:Admission:CpuThreshold"] = cpu.ToString(CultureInfo.InvariantCulture);
        }

        if (MemoryThreshold is { } mem)
        {
            c["Omb:Admission:MemoryThreshold"] = mem.ToString(CultureInfo.InvariantCulture);
        }

        if (LaunchWorld)
        {
            c["Omb:World:Launch"] = "true";
        }

        if (NoMigration)
        {
            c["Omb:Migration:Enabled"] = "false";
        }

        if (Nodes is { } n)
        {
            c["Omb:World:Nodes"] = n.ToString(CultureInfo.InvariantCulture);
        }

        if (NodeCpus is { } cpus)
        {
            c["Omb:World:NodeCpus"] = cpus.ToString(CultureInfo.InvariantCulture);
        }

        if (NodeMemory is not null)
        {
            c["Omb:World:NodeMemory"] = NodeMemory;
        }

        if (TcpListen is not null)
        {
            c[Options.TcpOptions.ListenKey] = TcpListen;
        }

        return c;
    }
}
