using System.Globalization;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>Server-side checks of a submitted spec: well-formed, feasible on some node, dependencies on known jobs.</summary>
/// <remarks>The CLI checks the same things earlier; the server checks again because the API is the trust boundary.</remarks>
public static class SubmissionValidator
{
    /// <summary>Null when the spec may be accepted; otherwise one line naming the problem and the fix.</summary>
    /// <param name="limits">The administrator's size limits; null for <see cref="SubmissionLimits.Default"/>.</param>
    public static string? Validate(JobSpec spec, IReadOnlyList<NodeSnapshot> nodes, Func<long, Job?> lookup, SubmissionLimits? limits = null) =>
        Check(spec, nodes, lookup, limits)?.Text;

    /// <summary>Null when the spec may be accepted; otherwise the refusal's kind (what the server counts by) and its line.</summary>
    /// <param name="limits">The administrator's size limits; null for <see cref="SubmissionLimits.Default"/>.</param>
    public static SubmissionRefusal? Check(JobSpec spec, IReadOnlyList<NodeSnapshot> nodes, Func<long, Job?> lookup, SubmissionLimits? limits = null)
    {
        limits ??= SubmissionLimits.Default;
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(lookup);
        var inv = CultureInfo.InvariantCulture;
        if (MissingPart(spec) is { } missing)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, $"malformed job: {missing} is missing or holds an empty entry; submit with the omb CLI, which fills it");
        }

        if (NameRules.ValidateJobName(spec.Name) is { } badName)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, badName);
        }

        if (NameRules.ValidateQueueName(spec.Queue) is { } badQueue)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, badQueue);
        }

        var hasScript = !string.IsNullOrWhiteSpace(spec.Script);
        var hasCommand = spec.Command.Count > 0 && !string.IsNullOrWhiteSpace(spec.Command[0]);
        if (hasScript == hasCommand)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, hasScript
                ? "a job is a script or a command, not both: drop the script or the '-- command'"
                : "empty command: give a script, a script on stdin, or 'qsub -- PROGRAM ARGS'");
        }

        if (hasScript && System.Text.Encoding.UTF8.GetByteCount(spec.Script!) is var scriptBytes && scriptBytes > limits.MaxScriptBytes)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.OverLimit, string.Create(inv, $"the script is {scriptBytes} bytes, more than the limit of {limits.MaxScriptBytes} ({SizeParser.Human(limits.MaxScriptBytes)}): keep data in files and read them from the script, or ask an administrator to raise {SubmissionLimits.ScriptKey} in conf/omb.json"));
        }

        var r = spec.Resources;
        foreach (var kind in r.ChunkKinds())
        {
            if (WhyShapeRefused(kind) is { } badShape)
            {
                return badShape;
            }
        }

        if (r.Mixed && r.TotalCpus > int.MaxValue)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "the chunks ask for more CPUs than any count can hold: ask for what the job uses, e.g. -l select=1:ncpus=4+2:ncpus=1");
        }

        if (r.Walltime is { } w && w <= TimeSpan.Zero)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "walltime must be positive: e.g. -l walltime=01:00:00");
        }

        if (spec.Priority is < -1024 or > 1023)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, string.Create(inv, $"priority {spec.Priority} is out of range: use -p with -1024..1023"));
        }

        if (spec.Array is { } a)
        {
            if (a.Count < 1)
            {
                return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "an array has at least 1 element: e.g. -t 1-10");
            }

            if (a.Count > limits.MaxArrayElements)
            {
                return new SubmissionRefusal(SubmissionRefusalKind.OverLimit, string.Create(inv, $"the array has {a.Count} elements, more than the limit of {limits.MaxArrayElements}: split the work into several arrays, or ask an administrator to raise {SubmissionLimits.ArrayKey} in conf/omb.json"));
            }

            if (a.MaxConcurrent is < 1)
            {
                return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "the array %LIMIT must be at least 1: e.g. -t 1-10%2");
            }

            if (a.Indices.Any(i => i < 0) || a.Indices.Zip(a.Indices.Skip(1)).Any(p => p.First >= p.Second))
            {
                return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "array indices must be ascending, distinct and not negative: e.g. -t 1-10");
            }
        }

        if (!Path.IsPathRooted(spec.WorkingDirectory) || !Path.IsPathRooted(spec.SubmitDirectory))
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "the working and submit directories must be absolute paths: use -d /abs/path");
        }

        if (spec.Dependencies.Count > limits.MaxDependencies)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.OverLimit, string.Create(inv, $"the job names {spec.Dependencies.Count} dependencies, more than the limit of {limits.MaxDependencies}: depend on fewer jobs or on a job array as a whole, or ask an administrator to raise {SubmissionLimits.DependenciesKey} in conf/omb.json"));
        }

        if (StoredJobSize.UpperBound(spec) is var stored && stored > limits.MaxJobBytes)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.OverLimit, string.Create(inv, $"the job would take up to {stored} bytes in the queue's store, more than the limit of {limits.MaxJobBytes} ({SizeParser.Human(limits.MaxJobBytes)}): its script, -v environment, arguments, paths and array together are too large (a control character counts 6 bytes); keep data in files and pass their names, or ask an administrator to raise {SubmissionLimits.JobKey} in conf/omb.json (at most {SizeParser.Format(SubmissionLimits.JobBytesCeiling)})"));
        }

        if (SiteAllowance.WhyRefused(spec, limits) is { } notAccepted)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.NotAllowed, notAccepted);
        }

        foreach (var kind in r.ChunkKinds())
        {
            if (WhyChunkRefused(kind) is { } badChunk)
            {
                return badChunk;
            }
        }

        if (r.CpuTime is { } cput && cput <= TimeSpan.Zero)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "cput must be positive: e.g. -l cput=10:00:00");
        }

        foreach (var d in spec.Dependencies)
        {
            if (lookup(d.JobId) is null)
            {
                return new SubmissionRefusal(SubmissionRefusalKind.UnknownDependency, string.Create(inv, $"unknown job {d.JobId} in depend={d}: check the id with 'qstat -x'"));
            }
        }

        if (DependencyDepth.Of(spec.Dependencies, lookup, limits.MaxDependencyDepth) is var depth && depth > limits.MaxDependencyDepth)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.OverLimit, string.Create(inv, $"the job would wait at the end of a dependency chain more than {limits.MaxDependencyDepth} jobs deep, the limit: depend on a job nearer the start of the chain, or submit the rest when the chain has moved on, or ask an administrator to raise {SubmissionLimits.DependencyDepthKey} in conf/omb.json"));
        }

        if (Feasibility.WhyNeverFits(r, nodes) is { } never)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.NeverFits, never);
        }

        return limits.Admission is { } admission && ThresholdFeasibility.WhyNeverAdmitted(r, nodes, admission, spec.Queue) is { } overThreshold
            ? new SubmissionRefusal(SubmissionRefusalKind.NeverFits, overThreshold)
            : null;
    }

    /// <summary>The refusal of one kind of chunk's counts (at least one chunk of one CPU, memory not negative, no overflow), or null.</summary>
    private static SubmissionRefusal? WhyShapeRefused(ResourceRequest r)
    {
        var inv = CultureInfo.InvariantCulture;
        if (r.Chunks < 1 || r.CpusPerChunk < 1)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "CPUs and chunks must be at least 1: e.g. -l select=1:ncpus=1");
        }

        if (r.MemoryBytesPerChunk < 0)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "memory cannot be negative: e.g. -l mem=2gb");
        }

        // Products in long (and checked against the int the job's totals are shown in): a wrapped product would look
        // small or negative and pass every later check.
        if (r.TotalCpus > int.MaxValue || r.MemoryBytesPerChunk > long.MaxValue / r.Chunks)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, string.Create(inv, $"{r.Chunks} chunks of {r.CpusPerChunk} CPUs and {r.MemoryBytesPerChunk} bytes is more than any count can hold: ask for what the job uses, e.g. -l select=2:ncpus=4:mem=2gb"));
        }

        return null;
    }

    /// <summary>The refusal of one kind of chunk's ranks, GPUs, hosts and property names, or null.</summary>
    private static SubmissionRefusal? WhyChunkRefused(ResourceRequest r)
    {
        var inv = CultureInfo.InvariantCulture;
        if (r.MpiProcsPerChunk is { } ranks && ranks > r.CpusPerChunk * 64L)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, string.Create(inv, $"mpiprocs={ranks} is more than 64 ranks for each of the chunk's {r.CpusPerChunk} CPUs: ask for the ranks the job starts, e.g. -l select=1:ncpus=4:mpiprocs=4"));
        }

        if (r.GpusPerChunk < 0 || r.GpusPerChunk > 1024)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, "GPUs per chunk must be from 0 to 1024: e.g. -l select=1:ncpus=4:ngpus=1");
        }

        if (r.Hosts.Count != 0 && r.Hosts.Count != r.Chunks)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, string.Create(inv, $"{r.Hosts.Count} hosts named for {r.Chunks} chunks: name one host per chunk, e.g. -l nodes=node1:ppn=2+node2:ppn=2"));
        }

        if (r.Properties.Concat(r.ExcludedProperties).Concat(r.Hosts).FirstOrDefault(n => !NameRules.IsResourceName(n) && !HostName.IsValid(n)) is { } badPlace)
        {
            return new SubmissionRefusal(SubmissionRefusalKind.BadRequest, $"'{InputText.Quote(badPlace)}' is not a node property or host name: use letters, digits, '_', '-' and '.'");
        }

        return null;
    }

    /// <summary>
    /// The first part a client left null where the contract has a value (JSON can send null for any of them); the
    /// rules below, and the queue's writer, may then rely on every part being there.
    /// </summary>
    private static string? MissingPart(JobSpec spec) =>
        spec.Name is null ? "name"
        : spec.Queue is null ? "queue"
        : spec.WorkingDirectory is null ? "workingDirectory"
        : spec.SubmitDirectory is null ? "submitDirectory"
        : spec.Command is null || spec.Command.Any(c => c is null) ? "command"
        : spec.Arguments is null || spec.Arguments.Any(a => a is null) ? "arguments"
        : spec.Resources is null ? "resources"
        : spec.Dependencies is null || spec.Dependencies.Any(d => d is null) ? "dependencies"
        : spec.Environment is null || spec.Environment.Any(e => e.Key is null || e.Value is null) ? "environment"
        : spec.Checkpoint is null ? "checkpoint"
        : spec.MailUsers.Any(u => u is null) ? "mailUsers"
        : spec.IgnoredOptions.Any(o => o is null) ? "ignoredOptions"
        : spec.Resources.Ignored.Any(o => o is null) ? "resources.ignored"
        : spec.Resources.MoreChunks.Any(k => k is null || k.Properties is null) ? "resources.moreChunks"
        : spec.Array is { Indices: null } ? "array indices"
        : null;
}
