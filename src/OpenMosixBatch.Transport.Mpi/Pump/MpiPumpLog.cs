using Microsoft.Extensions.Logging;

namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>Source-generated log messages of the pump.</summary>
internal static partial class MpiPumpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "MPI pump started: rank {Rank} of {Size}, thread level {Threading}")]
    public static partial void Started(this ILogger logger, int rank, int size, MPI.Threading threading);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "MPI ranks agreed to stop at tick {Sequence}")]
    public static partial void StopAgreed(this ILogger logger, long sequence);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "MPI pump of rank {Rank} drained ({Received} messages received, {Sent} sent) and finalised")]
    public static partial void Finalised(this ILogger logger, int rank, long received, long sent);

    [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "MPI pump of rank {Rank} failed; aborting the world so the supervisor relaunches it")]
    public static partial void Failed(this ILogger logger, Exception exception, int rank);
}
