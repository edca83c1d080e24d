using System.Globalization;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>Server-side checks of a submitted spec: well-formed, feasible on some node, dependencies on known jobs.</summary>
/// <remarks>The CLI checks the same things earlier; the server checks again because the API is the trust boundary.</remarks>
public static class SubmissionValidator
{
    /// <summary>Largest script accepted (1 MiB): a job script is a recipe, its data belongs in files.</summary>
    public const int MaxScriptBytes = 1 << 20;

    /// <summary>Most dependencies one job may name.</summary>
    public const int MaxDependencies = 1000;

    /// <summary>Null when the spec may be accepted; otherwise one line naming the problem and the fix.</summary>
    public static string? Validate(JobSpec spec, IReadOnlyList<NodeSnapshot> nodes, Func<long, Job?> lookup)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(lookup);
        var inv = CultureInfo.InvariantCulture;
        if (NameRules.ValidateJobName(spec.Name) is { } badName)
        {
            return badName;
        }

        if (NameRules.ValidateQueueName(spec.Queue) is { } badQueue)
        {
            return badQueue;
        }

        var hasScript = !string.IsNullOrWhiteSpace(spec.Script);
        var hasCommand = spec.Command.Count > 0 && !string.IsNullOrWhiteSpace(spec.Command[0]);
        if (hasScript == hasCommand)
        {
            return hasScript
                ? "a job is a script or a command, not both: drop the script or the '-- command'"
                : "empty command: give a script, a script on stdin, or 'qsub -- PROGRAM ARGS'";
        }

        if (hasScript && System.Text.Encoding.UTF8.GetByteCount(spec.Script!) > MaxScriptBytes)
        {
            return string.Create(inv, $"the script is larger than {MaxScriptBytes >> 20} MiB: keep data in files and read them from the script");
        }

        var r = spec.Resources;
        if (r.Chunks < 1 || r.CpusPerChunk < 1)
        {
            return "CPUs and chunks must be at least 1: e.g. -l select=1:ncpus=1";
        }

        if (r.MemoryBytesPerChunk < 0)
        {
            return "memory cannot be negative: e.g. -l mem=2gb";
        }

        if (r.Walltime is { } w && w <= TimeSpan.Zero)
        {
            return "walltime must be positive: e.g. -l walltime=01:00:00";
        }

        if (spec.Priority is < -1024 or > 1023)
        {
            return string.Create(inv, $"priority {spec.Priority} is out of range: use -p with -1024..1023");
        }

        if (spec.Array is { } a)
        {
            if (a.Count < 1 || a.Count > ArraySpec.MaxElements)
            {
                return string.Create(inv, $"an array has 1 to {ArraySpec.MaxElements} elements, not {a.Count}: split the work into several arrays");
            }

            if (a.MaxConcurrent is < 1)
            {
                return "the array %LIMIT must be at least 1: e.g. -t 1-10%2";
            }

            if (a.Indices.Any(i => i < 0) || a.Indices.Zip(a.Indices.Skip(1)).Any(p => p.First >= p.Second))
            {
                return "array indices must be ascending, distinct and not negative: e.g. -t 1-10";
            }
        }

        if (!Path.IsPathRooted(spec.WorkingDirectory) || !Path.IsPathRooted(spec.SubmitDirectory))
        {
            return "the working and submit directories must be absolute paths: use -d /abs/path";
        }

        if (spec.Dependencies.Count > MaxDependencies)
        {
            return string.Create(inv, $"{spec.Dependencies.Count} dependencies is more than {MaxDependencies}: depend on fewer jobs, or on a job array as a whole");
        }

        foreach (var d in spec.Dependencies)
        {
            if (lookup(d.JobId) is null)
            {
                return string.Create(inv, $"unknown job {d.JobId} in depend={d}: check the id with 'qstat -x'");
            }
        }

        return Feasibility.WhyNeverFits(r, nodes);
    }
}
