using System.Globalization;
using System.Text;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Simulation;
using OpenMosixBatch.Simulation.Reporting;
using OpenMosixBatch.Simulation.Swf;
using OpenMosixBatch.Simulation.Workload;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb simulate TRACE</c>: reads the trace and every option first (any problem is one line, exit 2, nothing written),
/// runs each setting through <see cref="Experiment"/>, then writes the files it was asked for (each through a temporary
/// file renamed into place) and prints the table or the JSON.
/// </summary>
public static class SimulateCommand
{
    public const string Verb = "simulate";

    public static int Run(SimulateOptions options, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var request = SimulateRequest.From(options);
        SwfTrace trace;
        try
        {
            trace = SwfReader.Read(request.TracePath);
        }
        catch (TraceFormatException e)
        {
            throw CliFailureException.Usage(e.Message);
        }

        var rules = request.Rules;
        var loaded = TraceLoader.Load(trace, rules);
        IReadOnlyList<NodeSnapshot> nodes;
        IReadOnlyList<SettingResult> results;
        try
        {
            nodes = request.Nodes ?? Machine.FromHeader(trace);
            var largest = nodes.Sum(n => (long)n.Cpus);
            if (loaded.Jobs.FirstOrDefault(j => j.Processors > largest) is { } tooBig)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"job {tooBig.Number} of {trace.Path} needs {tooBig.Processors} processors but the cluster has {largest} CPUs: give a larger machine with --nodes/--cpus or --cluster"));
            }

            results = Experiment.Run(loaded.Jobs, nodes, request.Settings, request.Windows, request.Server, rules == LoadingRules.RlScheduler);
        }
        catch (ArgumentException e)
        {
            throw CliFailureException.Usage(e.Message);
        }

        if (options.JobsFile is { } jobsFile)
        {
            WriteAtomically(jobsFile, writer => JobsCsv.Write(writer, results));
        }

        if (options.PlotFile is { } plotFile && results.Count > 0)
        {
            var first = results[0];
            var title = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(trace.Path)}: {first.Setting}") +
                (first.Windows[0].Window is { } w ? string.Create(CultureInfo.InvariantCulture, $", window {w.Start}:{w.Length}") : "");
            WriteAtomically(plotFile, writer => writer.Write(SvgPlot.Format(first.Windows[0].Run, title)));
        }

        if (options.Json)
        {
            console.Out.Write(JsonReport.Format(results));
        }
        else
        {
            console.Out.Write(string.Create(CultureInfo.InvariantCulture,
                $"# {trace.Path}: {loaded.Jobs.Count} jobs ({loaded.Skipped} lines skipped, {rules} rules), {nodes.Count} nodes, {nodes.Sum(n => (long)n.Cpus)} CPUs, {Math.Max(1, request.Windows.Count)} window(s)\n"));
            console.Out.Write(ResultTable.Format(results));
        }

        console.Out.Flush();
        return ExitCodes.Success;
    }

    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
            {
                write(writer);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
