using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>A running single-task job of root's, working in <c>directory</c>, for the task runner's tests to start.</summary>
internal static class RunnerJobs
{
    public static Job Running(
        long id,
        string directory,
        string? script,
        IReadOnlyList<string>? arguments = null,
        IReadOnlyList<string>? command = null,
        ResourceRequest? resources = null,
        CheckpointPolicy? checkpoint = null) => new()
    {
        Id = id,
        Spec = new JobSpec
        {
            Name = "t",
            Script = script,
            Arguments = arguments ?? [],
            Command = command ?? [],
            WorkingDirectory = directory,
            SubmitDirectory = directory,
            Resources = resources ?? ResourceRequest.Default,
            Join = JoinMode.OutputAndError,
            Checkpoint = checkpoint ?? CheckpointPolicy.None,
        },
        Owner = new JobOwner(0, 0, "root"),
        SubmitTime = TimeProvider.System.GetUtcNow(),
        State = JobState.Running,
        Tasks = [new JobTask(0, JobState.Running)],
    };
}
