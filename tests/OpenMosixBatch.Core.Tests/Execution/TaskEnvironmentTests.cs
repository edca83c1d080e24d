using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class TaskEnvironmentTests
{
    [Fact]
    public void Build_PlainJob_SetsOmbAndPbsVariables()
    {
        var job = ExecutionJobs.Make(42, ExecutionJobs.Spec() with { Queue = "express" });

        var env = TaskEnvironment.Build(job, job.Tasks[0] with { RestartCount = 2 }, "node3", 2, "/ckpt/42-0", "/tmp/nodes42");

        Assert.Equal("42", env["OMB_JOB_ID"]);
        Assert.Equal("42", env["PBS_JOBID"]);
        Assert.Equal("hello", env["PBS_JOBNAME"]);
        Assert.Equal("/home/alice/run", env["PBS_O_WORKDIR"]);
        Assert.Equal("/home/alice/run", env["OMB_SUBMIT_DIR"]);
        Assert.Equal("express", env["PBS_QUEUE"]);
        Assert.Equal("node3", env["OMB_NODE"]);
        Assert.Equal("2", env["OMB_RANK"]);
        Assert.Equal("/ckpt/42-0", env["OMB_CHECKPOINT_DIR"]);
        Assert.Equal("2", env["OMB_RESTART_COUNT"]);
        Assert.Equal("/tmp/nodes42", env["PBS_NODEFILE"]);
        Assert.False(env.ContainsKey("PBS_ARRAYID"));
    }

    [Fact]
    public void Build_HybridChunk_SetsNcpusAndOmpNumThreadsAsPbsPro()
    {
        var job = ExecutionJobs.Make(42, ExecutionJobs.Spec() with { Resources = new ResourceRequest(2, 32) { MpiProcsPerChunk = 4 } });

        var env = TaskEnvironment.Build(job, job.Tasks[0], "node3", 2, "/ckpt", "/nodes");

        Assert.Equal(("32", "8"), (env["NCPUS"], env["OMP_NUM_THREADS"]));
    }

    [Fact]
    public void Build_GpuTask_NamesItsDevicesOnThisNodeOverAnyGivenWithV()
    {
        var spec = ExecutionJobs.Spec() with
        {
            Environment = new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = "0,1,2,3" },
            Resources = new ResourceRequest(2, 1) { GpusPerChunk = 1 },
        };
        var job = ExecutionJobs.Make(42, spec);
        var task = job.Tasks[0] with { GpuDevices = [new("node3", 1), new("node4", 0)] };

        Assert.Equal("1", TaskEnvironment.Build(job, task, "node3", 2, "/c", "/n")["CUDA_VISIBLE_DEVICES"]);
    }

    [Fact]
    public void Build_TaskWithoutGpus_LeavesCudaVisibleDevicesAlone()
    {
        var job = ExecutionJobs.Make(42, ExecutionJobs.Spec());

        Assert.False(TaskEnvironment.Build(job, job.Tasks[0], "n", 1, "/c", "/n").ContainsKey("CUDA_VISIBLE_DEVICES"));
    }

    [Fact]
    public void Build_OmpNumThreadsPassedWithV_IsKept()
    {
        var spec = ExecutionJobs.Spec() with { Environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "3" }, Resources = new ResourceRequest(1, 8) { OmpThreadsPerChunk = 2 } };
        var job = ExecutionJobs.Make(42, spec);

        Assert.Equal("3", TaskEnvironment.Build(job, job.Tasks[0], "n", 1, "/c", "/n")["OMP_NUM_THREADS"]);
    }

    [Fact]
    public void Build_ArrayElement_SetsArrayIndexAndElementId()
    {
        var job = ExecutionJobs.Make(7, ExecutionJobs.Spec() with { Array = new ArraySpec([3, 4]) });

        var env = TaskEnvironment.Build(job, job.Tasks[1], "node1", 0, "/c", "/n");

        Assert.Equal("4", env["PBS_ARRAYID"]);
        Assert.Equal("4", env["PBS_ARRAY_INDEX"]);
        Assert.Equal("4", env["OMB_ARRAY_INDEX"]);
        Assert.Equal("7[4]", env["PBS_JOBID"]);
        Assert.Equal("7[4]", env["OMB_TASK_ID"]);
    }

    [Fact]
    public void Build_UserVariables_ArePassedButCannotOverrideSchedulerOnes()
    {
        var spec = ExecutionJobs.Spec() with { Environment = new Dictionary<string, string> { ["FOO"] = "bar", ["PBS_JOBID"] = "spoofed" } };
        var job = ExecutionJobs.Make(42, spec);

        var env = TaskEnvironment.Build(job, job.Tasks[0], "n", 0, "/c", "/n");

        Assert.Equal("bar", env["FOO"]);
        Assert.Equal("42", env["PBS_JOBID"]);
    }
}
