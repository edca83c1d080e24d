using Microsoft.Extensions.Logging;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>Start-up and shutdown log lines of the server.</summary>
internal static partial class ServerStartupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "omb server listening on {Socket}; database {Database} with {Jobs} jobs; configuration {Source}; {Nodes} nodes")]
    public static partial void Started(ILogger logger, string socket, string database, int jobs, string source, int nodes);

    [LoggerMessage(Level = LogLevel.Information, Message = "omb server also listening on TCP {Endpoint}; every request there needs a user's token (omb token)")]
    public static partial void ListeningTcp(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "omb server stopped")]
    public static partial void Stopped(ILogger logger);
}
