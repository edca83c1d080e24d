using Microsoft.Extensions.Logging;

namespace OpenMosixBatch.Node.World;

// The phases of a move and of a checkpoint exit, at Debug level (OMB_NODE_LOG_LEVEL=Debug): each line carries the
// milliseconds its phase took, and the log's timestamps (one host's clock for every rank) place the phases of the
// source, rank 0 and the target on one time line. bench/migrate.sh's latency figure is the sum of them.
public sealed partial class NodeAgent
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "move {JobId}[{TaskIndex}]: ordered from {Source} to {Target}")]
    private partial void LogMoveOrdered(long jobId, int taskIndex, string source, string target);

    [LoggerMessage(Level = LogLevel.Debug, Message = "move {JobId}[{TaskIndex}]: checkpoint signal sent")]
    private partial void LogMoveSignalled(long jobId, int taskIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "checkpoint {JobId}[{TaskIndex}]: exit packed and hashed, {Bytes} bytes in {Milliseconds:F1} ms")]
    private partial void LogCheckpointPacked(long jobId, int taskIndex, long bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "checkpoint {JobId}[{TaskIndex}]: {Purpose} copy at rank {Rank} after {Milliseconds:F1} ms")]
    private partial void LogCopyDelivered(long jobId, int taskIndex, ShipmentPurpose purpose, int rank, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "checkpoint {JobId}[{TaskIndex}]: generation {Generation} committed by the server after {Milliseconds:F1} ms")]
    private partial void LogCommitted(long jobId, int taskIndex, int generation, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "restore {JobId}[{TaskIndex}]: start order for generation {Generation} (copy here: {Local})")]
    private partial void LogRestoreOrdered(long jobId, int taskIndex, int generation, bool local);

    [LoggerMessage(Level = LogLevel.Debug, Message = "restore {JobId}[{TaskIndex}]: checked, unpacked and launched in {Milliseconds:F1} ms")]
    private partial void LogRestoreLaunched(long jobId, int taskIndex, double milliseconds);
}
