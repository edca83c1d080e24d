using System.Globalization;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>omb server's switches: --home DIR, --conf FILE, --cpu-threshold PCT, --mem-threshold PCT, --log-format simple|json.</summary>
public sealed record ServerCommandLine(string? Home, string? ConfFile, double? CpuThreshold, double? MemoryThreshold, string LogFormat, bool Help)
{
    public const string Usage = "usage: omb server [--home DIR] [--conf FILE] [--cpu-threshold PCT] [--mem-threshold PCT] [--log-format simple|json]";

    /// <summary>The parsed switches, or one line naming the bad switch and the usage.</summary>
    public static (ServerCommandLine? Line, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? home = null, conf = null, logFormat = "simple";
        double? cpu = null, mem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "-h" or "--help")
            {
                return (new ServerCommandLine(null, null, null, null, "simple", true), null);
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
                case "--log-format" when v is "simple" or "json": logFormat = v; break;
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

        return (new ServerCommandLine(home, conf, cpu, mem, logFormat!, false), null);
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

        return c;
    }
}
