using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Limits": how large a request the server accepts. Every refusal names the key that raises it; the
/// defaults and ceilings are those of <see cref="SubmissionLimits"/>.
/// </summary>
public sealed class LimitsOptions
{
    public const string DefaultMaxScriptSize = "4mb";

    /// <summary>32 MiB: a 4 MB script of the worst characters for JSON (\u0001 takes six bytes) fits with room to spare.</summary>
    public const string DefaultMaxRequestBodySize = "32mb";

    /// <summary>A body must hold a script of the largest size in JSON, where one byte can take six.</summary>
    public const int BodyPerScriptByte = 8;

    public const string RequestBodyKey = "Omb:Limits:MaxRequestBodySize";

    /// <summary>The ceiling: LiteDB's largest document is 16,683,050 bytes.</summary>
    public const string DefaultMaxJobSize = "15mb";

    /// <summary>The smallest useful limit: the fixed part of a job and one task.</summary>
    public const long MinJobBytes = 64L << 10;

    /// <summary>Largest job script (a size such as 4mb).</summary>
    public string MaxScriptSize { get; set; } = DefaultMaxScriptSize;

    public int MaxArrayElements { get; set; } = SubmissionLimits.DefaultMaxArrayElements;

    public int MaxDependencies { get; set; } = SubmissionLimits.DefaultMaxDependencies;

    public int MaxDependencyDepth { get; set; } = SubmissionLimits.DefaultMaxDependencyDepth;

    /// <summary>Largest API request body (a size); Kestrel refuses a longer one before it is read.</summary>
    public string MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// Largest job as the queue stores it (a size such as 15mb): script, environment, arguments, paths and its tasks'
    /// records, bounded by <see cref="StoredJobSize"/>; at most 15mb, below the store's largest document.
    /// </summary>
    public string MaxJobSize { get; set; } = DefaultMaxJobSize;

    /// <summary>The limits as Core's validator takes them; call on validated options only.</summary>
    public SubmissionLimits ToSubmissionLimits() =>
        new(SizeParser.Parse(MaxScriptSize).Value, MaxArrayElements, MaxDependencies, MaxDependencyDepth, SizeParser.Parse(MaxJobSize).Value);

    /// <summary>The body limit in bytes; call on validated options only.</summary>
    public long RequestBodyBytes => SizeParser.Parse(MaxRequestBodySize).Value;
}
