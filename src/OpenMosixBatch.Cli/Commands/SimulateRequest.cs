using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Simulation;
using OpenMosixBatch.Simulation.Workload;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>What <c>omb simulate</c>'s options ask for, checked: each problem is a usage error naming the option and the fix.</summary>
/// <param name="History">Replay the server's finished jobs (<see cref="TracePath"/> is then a job database) instead of a trace.</param>
/// <param name="Since">With <paramref name="History"/>: only the jobs submitted at or after this time.</param>
public sealed record SimulateRequest(string TracePath, IReadOnlyList<NodeSnapshot>? Nodes, IReadOnlyList<SimulationSetting> Settings,
    IReadOnlyList<TraceWindow> Windows, AdmissionSettings Server, LoadingRules Rules, bool History = false, DateTimeOffset? Since = null)
{
    public static SimulateRequest From(SimulateOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var trace = Source(o);

        var (server, cpu, memory) = o.Conf is { } conf ? ReadConf(conf) : (AdmissionSettings.Defaults, 90.0, 85.0);
        var rules = o.Rules switch
        {
            "standard" => LoadingRules.Standard,
            "rlscheduler" => LoadingRules.RlScheduler,
            _ => throw CliFailureException.Usage($"--rules '{o.Rules}': use standard or rlscheduler"),
        };
        var orders = List(o.Order, "--order", server.Order == QueueOrder.Sjf ? AdmissionNames.Sjf : AdmissionNames.Fcfs)
            .Select(n => AdmissionNames.ParseOrder(n) ?? throw CliFailureException.Usage($"--order '{n}': use fcfs or sjf")).ToList();
        var backfills = List(o.Backfill, "--backfill", server.Backfill == BackfillMode.None ? AdmissionNames.None : AdmissionNames.Easy)
            .Select(n => n switch
            {
                AdmissionNames.Easy => BackfillRule.Easy,
                AdmissionNames.None => BackfillRule.None,
                "greedy" => BackfillRule.Greedy,
                _ => throw CliFailureException.Usage($"--backfill '{n}': use easy, none or greedy"),
            }).ToList();
        var cpus = Percents(o.CpuThresholds, "--cpu-threshold", cpu);
        var memories = Percents(o.MemoryThresholds, "--mem-threshold", memory);
        var settings = (from c in cpus from m in memories from order in orders from b in backfills select new SimulationSetting(c, m, order, b)).ToList();
        var windows = o.Windows.Select(w => TraceWindow.Parse(w) is { Window: { } ok } ? ok : throw CliFailureException.Usage(TraceWindow.Parse(w).Error!)).ToList();
        if (o.History && rules != LoadingRules.Standard)
        {
            throw CliFailureException.Usage($"--rules {o.Rules} loads SWF traces: leave it out with --history");
        }

        return new SimulateRequest(trace, Machine(o), settings, windows, server, rules, o.History, SinceOf(o));
    }

    /// <summary>The trace's path, or with --history the job database's (the server's own when none is named).</summary>
    private static string Source(SimulateOptions o)
    {
        if (o.History)
        {
            var database = o.Trace is { Length: > 0 } named ? named : OmbHome.DatabasePath(OmbHome.Resolve());
            return File.Exists(database) ? database
                : throw CliFailureException.Usage($"{database}: no such file: name the job database or a backup of it (omb backup prints one), or set OMB_HOME");
        }

        if (o.Trace is not { Length: > 0 } trace)
        {
            throw CliFailureException.Usage("no trace given: name an SWF file, e.g. omb simulate lublin_256.swf, or replay the server's jobs with --history");
        }

        return File.Exists(trace) ? trace : throw CliFailureException.Usage($"{trace}: no such file: name an SWF trace (.swf or .swf.gz)");
    }

    private static DateTimeOffset? SinceOf(SimulateOptions o)
    {
        if (o.Since is not { } text)
        {
            return null;
        }

        if (!o.History)
        {
            throw CliFailureException.Usage("--since picks jobs of the server's history: add --history");
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since
            : throw CliFailureException.Usage($"--since '{text}': give a date, e.g. 2026-11-01 or 2026-11-01T08:00+01:00");
    }

    private static IReadOnlyList<NodeSnapshot>? Machine(SimulateOptions o)
    {
        if (o.Cluster is { } cluster)
        {
            if (o.Nodes is not null || o.Cpus is not null || o.Memory is not null)
            {
                throw CliFailureException.Usage("--cluster and --nodes/--cpus/--mem both give the machine: keep one");
            }

            try
            {
                return ClusterFile.Parse(File.ReadAllText(cluster), cluster);
            }
            catch (InvalidDataException e)
            {
                throw CliFailureException.Usage(e.Message);
            }
        }

        if (o.Nodes is null)
        {
            if (o.Cpus is not null || o.Memory is not null)
            {
                throw CliFailureException.Usage("--cpus and --mem size the nodes of --nodes N: add --nodes");
            }

            return null;
        }

        var memory = Simulation.Machine.UnstatedMemoryBytes;
        if (o.Memory is { } text)
        {
            var parsed = SizeParser.Parse(text);
            memory = parsed.Ok ? parsed.Value : throw CliFailureException.Usage($"--mem: {parsed.Error}");
        }

        try
        {
            return Simulation.Machine.Uniform(o.Nodes.Value, o.Cpus ?? 1, memory);
        }
        catch (ArgumentException e)
        {
            throw CliFailureException.Usage(e.Message);
        }
    }

    private static (AdmissionSettings, double, double) ReadConf(string path)
    {
        if (!File.Exists(path))
        {
            throw CliFailureException.Usage($"--conf {path}: no such file: name a server configuration, e.g. conf/omb.json");
        }

        try
        {
            return ServerAdmissionConf.Read(File.ReadAllText(path), path);
        }
        catch (InvalidDataException e)
        {
            throw CliFailureException.Usage(e.Message);
        }
    }

    private static string[] List(string? text, string option, string fallback)
    {
        var items = (text ?? fallback).Split(',', StringSplitOptions.TrimEntries);
        return items.Any(i => i.Length == 0) ? throw CliFailureException.Usage($"{option} '{text}': an empty item: separate values with single commas") : items;
    }

    private static List<double> Percents(string? text, string option, double fallback) =>
        text is null ? [fallback] : [.. List(text, option, "").Select(p =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && v <= 100
                ? v : throw CliFailureException.Usage($"{option} '{p}': give percentages above 0 and at most 100, comma-separated, e.g. 70,80,90,100"))];
}
