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

    public const string MaxConnectionsPerUserKey = "Omb:Limits:MaxConnectionsPerUser";

    public const string MaxConnectionsKey = "Omb:Limits:MaxConnections";

    /// <summary>Far more than one user's parallel qsub/qstat need, far fewer than the server's file descriptors.</summary>
    public const int DefaultMaxConnectionsPerUser = 128;

    /// <summary>All users together on the Unix socket; within the open-file limit the server checks at start.</summary>
    public const int DefaultMaxConnections = 2048;

    /// <summary>The most any connection limit may be set to.</summary>
    public const int MaxConnectionsCeiling = 1_000_000;

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
    /// Most connections one uid may hold open on the Unix socket (root, the server's uid and the administrators are not
    /// counted); more are answered "too many connections" and closed at once.
    /// </summary>
    public int MaxConnectionsPerUser { get; set; } = DefaultMaxConnectionsPerUser;

    /// <summary>Most connections all counted users together may hold open on the Unix socket.</summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>
    /// Largest checkpoint one task may make (a size), the packed archive with every file at its apparent size; the
    /// nodes refuse a bigger one while packing (<see cref="CheckpointSizeLimit"/>). A world reads it when launched.
    /// </summary>
    public string MaxCheckpointSize { get; set; } = CheckpointSizeLimit.DefaultText;

    /// <summary>The checkpoint limit in bytes; call on validated options only.</summary>
    public long CheckpointBytes => SizeParser.Parse(MaxCheckpointSize).Value;

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
