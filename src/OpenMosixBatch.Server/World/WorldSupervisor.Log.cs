using Microsoft.Extensions.Logging;

namespace OpenMosixBatch.Server.World;

public sealed partial class WorldSupervisor
{
    [LoggerMessage(Level = LogLevel.Information, Message = "launched world {World} of {Ranks} rank(s), mpiexec pid {Pid}: {Command}")]
    private partial void LogLaunched(string world, int ranks, int pid, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "world {World} exited with status {Status}; its tasks run on for the next world to adopt; relaunching in {Seconds} s")]
    private partial void LogWorldDied(string world, int status, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not launch the world with {Launcher}: install MPICH (apt-get install mpich) or set Omb:World:Launcher")]
    private partial void LogLaunchFailed(Exception exception, string launcher);

    [LoggerMessage(Level = LogLevel.Warning, Message = "world (mpiexec pid {Pid}) did not stop in time: sending {Signal}")]
    private partial void LogStopEscalated(int pid, string signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "world {World} stopped; {Lost} task(s) requeued or failed")]
    private partial void LogStopped(string world, int lost);

    [LoggerMessage(Level = LogLevel.Information, Message = "adopted world {World} (mpiexec pid {Pid}), launched by an earlier server, with its running tasks")]
    private partial void LogAdopted(string world, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stopping world {World} (mpiexec pid {Pid}): {Reason}")]
    private partial void LogStoppingUnreachable(string world, int pid, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "no world launched: all {Nodes} node(s) are marked unreachable; clear one with pbsnodes -c NODE")]
    private partial void LogNoReachableNode(int nodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot tell whether the world recorded in {Record} runs ({Reason}): launching none and requeueing nothing until it is known")]
    private partial void LogWorldUnknown(string reason, string record);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record world {World} (mpiexec pid {Pid}): {Reason}; stopping it, since the next server could not adopt it")]
    private partial void LogUnrecorded(string reason, string world, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "world: {Line}")]
    private partial void LogWorldOutput(string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "relaunching world {World} (mpiexec pid {Pid}) with the new membership: {Reason}; its tasks run on and the next world adopts them")]
    private partial void LogRelaunching(string world, int pid, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "world {World} ended (status {Status}) for a membership change: launching the next one now")]
    private partial void LogRelaunchedForMembership(string world, int status);
}
