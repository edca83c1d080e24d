using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Simulation;
using OpenMosixBatch.Simulation.Processes;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb simulate --processes N</c>: generates a process workload and runs it with migration off and on through the
/// real planner and cost model; prints one row each (or JSON). Every option is checked before anything runs.
/// </summary>
public static class SimulateProcessesCommand
{
    private const string DefaultSpeeds = "0.5,0.75,1,1,1,1.25,1.5,2";

    public static int Run(SimulateOptions o, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(console);
        if (o.Trace is not null || o.History || o.Nodes is not null || o.Cluster is not null)
        {
            throw CliFailureException.Usage("--processes generates its own workload and nodes: leave out the trace, --history, --nodes and --cluster (give the nodes' speeds with --speeds)");
        }

        var spec = new ProcessWorkloadSpec(o.Processes!.Value, o.Seed, o.Load ?? 0.7, (o.Checkpointing ?? 50) / 100);
        if (spec.Problem() is { } problem)
        {
            throw CliFailureException.Usage($"--processes: {problem}");
        }

        var nodes = Nodes(o);
        var (tuning, tunables) = Tuning(o.Tunables);
        var workload = ProcessWorkload.Generate(spec, nodes);
        // Rank 0's own rebalancing step with its default knobs, migration off then on.
        var policy = RebalancingPolicy.Default;
        ProcessRunResult[] results =
        [
            ProcessSimulator.Run(workload, nodes, policy, tuning with { MigrationEnabled = false }),
            ProcessSimulator.Run(workload, nodes, policy, tuning),
        ];
        console.Out.Write(o.Json ? Json(results) : Table(spec, nodes, tunables, results));
        console.Out.Flush();
        return ExitCodes.Success;
    }

    private static List<NodeSnapshot> Nodes(SimulateOptions o)
    {
        var memory = Machine.UnstatedMemoryBytes;
        if (o.Memory is { } text)
        {
            var parsed = SizeParser.Parse(text);
            memory = parsed.Ok ? parsed.Value : throw CliFailureException.Usage($"--mem: {parsed.Error}");
        }

        var cpus = o.Cpus ?? 1;
        var speeds = (o.Speeds ?? DefaultSpeeds).Split(',', StringSplitOptions.TrimEntries).Select(v =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 1000 ? s
                : throw CliFailureException.Usage($"--speeds '{v}': give one relative speed above 0 per node, comma-separated, e.g. {DefaultSpeeds}")).ToList();
        if (cpus < 1)
        {
            throw CliFailureException.Usage("--cpus: give at least 1 CPU per node");
        }

        var width = Math.Max(2, speeds.Count.ToString(CultureInfo.InvariantCulture).Length);
        return [.. speeds.Select((s, i) => new NodeSnapshot("p" + (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'), cpus, memory, s))];
    }

    /// <summary>The tunables of <paramref name="directory"/> (its overheads and mfscosts files), else the FAQ's.</summary>
    private static (MigrationTuning, string) Tuning(string? directory)
    {
        if (directory is null)
        {
            return (MigrationTuning.Defaults, "the openMosix FAQ's tunables");
        }

        var overheads = TunablesParser.ParseOverheads(Read(Path.Combine(directory, "overheads")), Path.Combine(directory, "overheads"));
        var mfs = TunablesParser.ParseMfsCosts(Read(Path.Combine(directory, "mfscosts")), Path.Combine(directory, "mfscosts"));
        return overheads.Ok && mfs.Ok
            ? (new MigrationTuning(overheads.Value!, mfs.Value!, MigrationEnabled: true), $"tunables from {directory}")
            : throw CliFailureException.Usage(overheads.Error ?? mfs.Error!);
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path)
        : throw CliFailureException.Usage($"--tunables: {path}: no such file: name a directory with overheads and mfscosts files, e.g. conf");

    private static string Table(ProcessWorkloadSpec spec, List<NodeSnapshot> nodes, string tunables, ProcessRunResult[] results)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"# {spec.Count} processes (seed {spec.Seed}, load {spec.Load:0.##}, {spec.CheckpointingShare * 100:0.#}% checkpointing), {nodes.Count} nodes × {nodes[0].Cpus} CPUs, speeds {string.Join(',', nodes.Select(n => n.Speed.ToString(CultureInfo.InvariantCulture)))}, {tunables}\n");
        text.Append("migration  processes  mean_slowdown  makespan_s  lower_bound_s  makespan/bound  migrations  in_flight_s\n");
        foreach (var r in results)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{(r.Migration ? "on" : "off"),-9}  {r.Processes,9}  {r.MeanSlowdown,13:0.000}  {r.Makespan,10:0.0}  {r.LowerBound,13:0.0}  {r.MakespanOverBound,14:0.000}  {r.Migrations,10}  {r.MigrationSeconds,11:0.0}\n");
        }

        return text.ToString();
    }

    private static string Json(ProcessRunResult[] results)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteBoolean("migration", r.Migration);
                json.WriteNumber("processes", r.Processes);
                json.WriteNumber("mean_slowdown", Math.Round(r.MeanSlowdown, 4));
                json.WriteNumber("makespan_s", Math.Round(r.Makespan, 2));
                json.WriteNumber("lower_bound_s", Math.Round(r.LowerBound, 2));
                json.WriteNumber("makespan_over_bound", Math.Round(r.MakespanOverBound, 4));
                json.WriteNumber("migrations", r.Migrations);
                json.WriteNumber("in_flight_s", Math.Round(r.MigrationSeconds, 2));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
