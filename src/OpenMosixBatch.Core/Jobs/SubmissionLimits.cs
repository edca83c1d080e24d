using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// How large one submission may be: the server's refusals of oversized requests, set by the administrator in
/// <c>conf/omb.json</c> (<c>Omb:Limits</c>) within fixed ceilings.
/// </summary>
/// <remarks>
/// The defaults follow the big schedulers: Slurm refuses scripts over 4 MB (<c>max_script_size</c>), PBS Pro arrays
/// over 10,000 elements (<c>max_array_size</c>). The ceilings are what no configuration may exceed; the CLI checks them
/// before it reads a file or expands a range, because no server would accept more.
/// </remarks>
/// <param name="MaxScriptBytes">Largest script, in UTF-8 bytes.</param>
/// <param name="MaxArrayElements">Most elements one job array may have.</param>
/// <param name="MaxDependencies">Most jobs one job may depend on.</param>
/// <param name="MaxDependencyDepth">Longest chain of waiting jobs a new job may end (see <see cref="DependencyDepth"/>).</param>
/// <param name="MaxJobBytes">Largest stored job, as <see cref="StoredJobSize"/> bounds it.</param>
public sealed record SubmissionLimits(long MaxScriptBytes, int MaxArrayElements, int MaxDependencies, int MaxDependencyDepth,
    long MaxJobBytes = SubmissionLimits.DefaultMaxJobBytes)
{
    public const long DefaultMaxScriptBytes = 4L << 20;
    public const long ScriptBytesCeiling = 64L << 20;
    public const int DefaultMaxArrayElements = 10_000;
    public const int ArrayElementsCeiling = ArraySpec.MaxElements;
    public const int DefaultMaxDependencies = 1_000;
    public const int DependenciesCeiling = 100_000;
    public const int DefaultMaxDependencyDepth = 1_000;
    public const int DependencyDepthCeiling = 100_000;

    /// <summary>
    /// 15 MiB: LiteDB refuses a document over 16,683,050 bytes (about 15.9 MiB), and a job must fit with room for the
    /// fields the store adds around its text. The default is the ceiling, so that an array of the default 10,000
    /// elements (10,000 × <see cref="StoredJobSize.PerTaskBytes"/>) fits with an ordinary script.
    /// </summary>
    public const long JobBytesCeiling = 15L << 20;
    public const long DefaultMaxJobBytes = JobBytesCeiling;

    /// <summary>Where an administrator raises the limits: keys of <c>conf/omb.json</c>.</summary>
    public const string ScriptKey = "Omb:Limits:MaxScriptSize";
    public const string ArrayKey = "Omb:Limits:MaxArrayElements";
    public const string DependenciesKey = "Omb:Limits:MaxDependencies";
    public const string DependencyDepthKey = "Omb:Limits:MaxDependencyDepth";
    public const string JobKey = "Omb:Limits:MaxJobSize";

    public const string IgnoredResourcesKey = "Omb:Submission:IgnoredResources";
    public const string IgnoredOptionsKey = "Omb:Submission:IgnoredOptions";

    /// <summary>Resource names accepted, recorded and shown without being scheduled on (site resources such as <c>qos</c>).</summary>
    public IReadOnlySet<string> IgnoredResources { get; init; } = System.Collections.Frozen.FrozenSet<string>.Empty;

    /// <summary>Options accepted, recorded and shown without effect, as <c>-W x</c> or <c>-k</c>.</summary>
    public IReadOnlySet<string> IgnoredOptions { get; init; } = System.Collections.Frozen.FrozenSet<string>.Empty;

    /// <summary>
    /// The admission thresholds: a task that alone would take more of the whole cluster than its queue's thresholds allow
    /// is refused (<see cref="ThresholdFeasibility"/>); null to leave that to admission.
    /// </summary>
    public AdmissionSettings? Admission { get; init; }

    public static SubmissionLimits Default { get; } =
        new(DefaultMaxScriptBytes, DefaultMaxArrayElements, DefaultMaxDependencies, DefaultMaxDependencyDepth);
}
