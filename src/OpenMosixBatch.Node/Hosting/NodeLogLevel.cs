using Microsoft.Extensions.Logging;

namespace OpenMosixBatch.Node.Hosting;

/// <summary>
/// The rank's least log level: Information, or what <c>OMB_NODE_LOG_LEVEL</c> names (Debug shows the phases of every
/// move and checkpoint exit with their times). Read from the environment because the server starts the ranks through
/// mpiexec, which passes its environment on; a value that names no level leaves Information.
/// </summary>
internal static class NodeLogLevel
{
    public const string Variable = "OMB_NODE_LOG_LEVEL";

    public static LogLevel FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static LogLevel Parse(string? text) =>
        Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) ? level : LogLevel.Information;
}
