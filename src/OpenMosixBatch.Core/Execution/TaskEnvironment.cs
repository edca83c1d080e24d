using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>The environment every task gets (DESIGN §4): the job's own variables, then OMB_* and the PBS_* aliases.</summary>
public static class TaskEnvironment
{
    /// <param name="job">The job the task belongs to.</param>
    /// <param name="task">The task being started.</param>
    /// <param name="node">Name of the node it runs on.</param>
    /// <param name="rank">MPI rank of that node.</param>
    /// <param name="checkpointDirectory">The task's checkpoint directory.</param>
    /// <param name="nodeFile">Path of the file listing the task's nodes, one line per CPU (PBS_NODEFILE).</param>
    /// <remarks>The scheduler's variables are set last so a job cannot spoof its own id through -v.</remarks>
    public static Dictionary<string, string> Build(Job job, JobTask task, string node, int rank, string checkpointDirectory, string nodeFile)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(task);
        var env = new Dictionary<string, string>(job.Spec.Environment, StringComparer.Ordinal);
        var inv = CultureInfo.InvariantCulture;
        var jobId = job.Spec.IsArray ? JobIds.FormatTask(job.Id, task.Index) : job.Id.ToString(inv);
        var index = task.Index.ToString(inv);
        env["OMB_JOB_ID"] = job.Id.ToString(inv);
        env["OMB_TASK_ID"] = jobId;
        env["OMB_ARRAY_INDEX"] = index;
        env["OMB_NODE"] = node;
        env["OMB_RANK"] = rank.ToString(inv);
        env["OMB_SUBMIT_DIR"] = job.Spec.SubmitDirectory;
        env["OMB_CHECKPOINT_DIR"] = checkpointDirectory;
        env["OMB_RESTART_COUNT"] = task.RestartCount.ToString(inv);
        env["PBS_JOBID"] = jobId;
        env["PBS_JOBNAME"] = job.Spec.Name;
        env["PBS_O_WORKDIR"] = job.Spec.SubmitDirectory;
        env["PBS_QUEUE"] = job.Spec.Queue;
        env["PBS_NODEFILE"] = nodeFile;
        env["PBS_NCPUS"] = job.Spec.Resources.CpusPerChunk.ToString(inv);
        env["PBS_ENVIRONMENT"] = "PBS_BATCH";
        // As PBS Pro sets them for the chunk: its CPUs, and threads per rank (ompthreads, else CPUs over ranks); a
        // value the job passed itself with -v is kept.
        env["NCPUS"] = job.Spec.Resources.CpusPerChunk.ToString(inv);
        env.TryAdd("OMP_NUM_THREADS", job.Spec.Resources.ThreadsPerRank.ToString(inv));
        if (job.Spec.Resources.TotalGpus > 0)
        {
            // The devices assigned to the task on this node; set last, so a -v value cannot point it at another's.
            env["CUDA_VISIBLE_DEVICES"] = GpuDeviceAssignment.VisibleDevices(task.GpuDevices, node);
        }

        if (job.Spec.IsArray)
        {
            env["PBS_ARRAYID"] = index;
            env["PBS_ARRAY_INDEX"] = index;
        }

        return env;
    }
}
