using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Execution;

// What a task gets so that omb rsh, omb dsh and a plain mpiexec in it start their processes through the scheduler.
public sealed partial class TaskRunner
{
    /// <summary>The server's socket, whose directory becomes the task's <c>OMB_HOME</c> (so <c>omb rsh</c> finds the server).</summary>
    public string? ServerSocket { get; init; }

    /// <summary>The <c>pbs_tmrsh</c> executable (omb under that name, beside omb-node), or null when it is not there.</summary>
    public string? RemoteShell { get; init; }

    private void AddRemoteStart(Dictionary<string, string> env, TaskStartOrder order, string nodeFile)
    {
        if (order.Cookie is { } cookie)
        {
            env["OMB_JOB_COOKIE"] = cookie;
        }

        if (ServerSocket is { } socket && Path.GetDirectoryName(socket) is { Length: > 0 } home)
        {
            env["OMB_HOME"] = home;
        }

        MpiLaunchEnvironment.Add(env, order.Nodes, order.Job.Spec.Resources, HostFileOf(nodeFile), order.Cookie is null ? null : RemoteShell);
    }

    /// <summary>Hydra's host file beside PBS_NODEFILE, written before the task's directory is handed to its user.</summary>
    private static void WriteHostFile(TaskStartOrder order, string nodeFile) =>
        SpoolFile.WriteLines(HostFileOf(nodeFile), MpiLaunchEnvironment.HostFileLines(order.Nodes, order.Job.Spec.Resources));

    private static string HostFileOf(string nodeFile) => Path.Combine(Path.GetDirectoryName(nodeFile)!, "hostfile");
}
