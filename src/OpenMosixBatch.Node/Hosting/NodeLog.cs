using Microsoft.Extensions.Logging;

namespace OpenMosixBatch.Node.Hosting;

internal static partial class NodeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "rank {Rank} of {Size} is node {Node}: {Cpus} CPUs, {MemoryMb} MiB (shared host: {Shared})")]
    public static partial void Started(ILogger logger, int rank, int size, string node, int cpus, long memoryMb, bool shared);

    [LoggerMessage(Level = LogLevel.Information, Message = "rank {Rank} adopted {Adopted} task(s) an earlier rank left, reaped {Reaped} cut-short launch(es)")]
    public static partial void Adopted(ILogger logger, int rank, int adopted, int reaped);

    [LoggerMessage(Level = LogLevel.Information, Message = "rank {Rank} ends and reports {Count} part(s) of jobs (omb rsh) an earlier rank left")]
    public static partial void LeftoverParts(ILogger logger, int rank, int count);
}
