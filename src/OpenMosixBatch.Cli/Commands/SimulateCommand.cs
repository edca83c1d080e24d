using System.Globalization;
using System.Text;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Simulation;
using OpenMosixBatch.Simulation.Reporting;
using OpenMosixBatch.Simulation.Swf;
using OpenMosixBatch.Simulation.Workload;
using OpenMosixBatch.Storage.LiteDb;
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
        if (options.Processes is not null)
        {
            return SimulateProcessesCommand.Run(options, console);
        }

        var request = SimulateRequest.From(options);
        var (loaded, header, source) = request.History ? LoadHistory(request) : LoadTrace(request);
        var rules = request.Rules;
        IReadOnlyList<NodeSnapshot> nodes;
        IReadOnlyList<SettingResult> results;
        try
        {
            nodes = request.Nodes ?? header?.Invoke()
                ?? throw new ArgumentException($"{request.TracePath} is a job database and says nothing of the machine: give it with --cluster conf/cluster.json or --nodes N --cpus C --mem SIZE");
            var largest = nodes.Sum(n => (long)n.Cpus);
            if (loaded.Jobs.FirstOrDefault(j => j.Processors > largest) is { } tooBig)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"job {tooBig.Number} of {request.TracePath} needs {tooBig.Processors} processors but the cluster has {largest} CPUs: give a larger machine with --nodes/--cpus or --cluster"));
            }

            var widest = nodes.Max(n => n.Cpus);
            if (loaded.Jobs.FirstOrDefault(j => j.CpusPerChunk > widest) is { } tooWide)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"job {tooWide.Number} of {request.TracePath} needs {tooWide.CpusPerChunk} CPUs on one node but the largest node has {widest}: give larger nodes with --cpus or --cluster"));
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
            var title = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(request.TracePath)}: {first.Setting}") +
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
                $"# {source}: {loaded.Jobs.Count} jobs ({loaded.Skipped} {(request.History ? "tasks that did not run" : "lines")} skipped, {(request.History ? "history" : rules)} rules), {nodes.Count} nodes, {nodes.Sum(n => (long)n.Cpus)} CPUs, {Math.Max(1, request.Windows.Count)} window(s)\n"));
            console.Out.Write(ResultTable.Format(results));
        }

        console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>The SWF trace under the request's rules; the machine defaults to the trace header's.</summary>
    private static (LoadedTrace, Func<IReadOnlyList<NodeSnapshot>>?, string) LoadTrace(SimulateRequest request)
    {
        try
        {
            var trace = SwfReader.Read(request.TracePath);
            return (TraceLoader.Load(trace, request.Rules), () => Machine.FromHeader(trace), trace.Path);
        }
        catch (TraceFormatException e)
        {
            throw CliFailureException.Usage(e.Message);
        }
    }

    /// <summary>The finished jobs of a job database (read-only); the machine must be given.</summary>
    private static (LoadedTrace, Func<IReadOnlyList<NodeSnapshot>>?, string) LoadHistory(SimulateRequest request)
    {
        IReadOnlyList<Core.Jobs.Job> jobs;
        try
        {
            jobs = LiteDbJobHistory.ReadJobs(request.TracePath);
        }
        catch (JobStoreCorruptException e)
        {
            throw CliFailureException.Usage($"{e.DatabasePath}: {e.Problem}: name the server's omb.db or a backup of it (omb backup prints one)");
        }
        catch (IOException e)
        {
            throw CliFailureException.Usage($"{request.TracePath}: cannot be read ({e.Message.TrimEnd('.')}): if the server holds it, take a backup with omb backup and name that");
        }

        var loaded = JobHistory.Load(jobs, request.Since);
        if (loaded.Jobs.Count == 0)
        {
            var since = request.Since is { } s ? string.Create(CultureInfo.InvariantCulture, $" submitted since {s:yyyy-MM-dd HH:mm:ss zzz}") : "";
            throw CliFailureException.Usage($"{request.TracePath} holds no finished job that ran{since}: nothing to replay (give an earlier --since, or another database)");
        }

        var source = request.Since is { } from ? string.Create(CultureInfo.InvariantCulture, $"{request.TracePath} (history since {from:yyyy-MM-dd HH:mm:ss zzz})") : $"{request.TracePath} (history)";
        return (loaded, null, source);
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
