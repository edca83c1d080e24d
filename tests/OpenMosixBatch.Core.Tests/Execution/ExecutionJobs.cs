using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

/// <summary>Builds jobs for the execution tests without going through the state rules.</summary>
internal static class ExecutionJobs
{
    public static Job Make(long id, JobSpec spec) => new()
    {
        Id = id,
        Spec = spec,
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = DateTimeOffset.UnixEpoch,
        State = JobState.Queued,
        Tasks = spec.Array is { } a ? [.. a.Indices.Select(i => new JobTask(i, JobState.Queued))] : [new JobTask(0, JobState.Queued)],
    };

    public static JobSpec Spec(string name = "hello") => new()
    {
        Name = name,
        Script = "echo hi",
        WorkingDirectory = "/home/alice/run",
        SubmitDirectory = "/home/alice/run",
    };
}
