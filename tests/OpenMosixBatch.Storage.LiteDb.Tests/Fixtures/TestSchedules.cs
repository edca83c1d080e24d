using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

/// <summary>Schedules for the store tests: one with every member away from its default, and plain ones.</summary>
internal static class TestSchedules
{
    public static Schedule EveryFieldSet(string name) => new()
    {
        Name = name,
        Owner = new JobOwner(4_000_000_000, 1001, "ada"),
        Expression = "H H(0-3) * * 1-5",
        TimeZoneId = "Europe/Berlin",
        Overlap = OverlapPolicy.Queue,
        Misfire = MisfirePolicy.Skip,
        Job = TestJobs.EveryFieldSet(1).Spec,
        SubmitArguments = ["-l", "mem=2gb", "jobs/nightly.sh", "two words", "ü"],
        Paused = true,
        CreatedAt = TestJobs.SubmitTime,
        LastFireTime = TestJobs.SubmitTime.AddDays(1).ToOffset(TimeSpan.Zero),
        LastJobId = 4_000_000_000_000,
        LastSkipReason = "skipped: previous run 41 is still running (R)",
        NextFireTime = TestJobs.SubmitTime.AddDays(2).AddTicks(3),
    };

    public static Schedule Plain(string name, uint uid = 1000) => new()
    {
        Name = name,
        Owner = new JobOwner(uid, uid, uid == 1000 ? "ada" : "bob"),
        Expression = "0 2 * * *",
        Job = TestJobs.Realistic(1).Spec,
        SubmitArguments = ["job.sh"],
        CreatedAt = TestJobs.SubmitTime,
    };
}
