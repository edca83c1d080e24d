using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// qalter against a real server and world: a waiting job's change is checked as a submission is, a running job's
/// walltime moves the waiting jobs' estimates at once and is enforced by its node, and every refusal leaves the job as
/// it was.
/// </summary>
[Collection("World")]
public sealed class QalterTests(OneNodeWorld fixture) : IClassFixture<OneNodeWorld>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private WorldServer W => fixture.World;

    [Fact]
    public async Task Qalter_WaitingJob_TakesWhatQsubWould_AndRefusalsChangeNothing()
    {
        var id = await W.QsubAsync("-h", "-N", "orig", "-l", "walltime=01:00:00", "--", "/bin/true");

        var altered = await W.Omb.RunAsync("qalter", "-N", "renamed", "-p", "5", "-l", "walltime=00:30:00", "-l", "mem=1gb", id);
        Assert.True(altered.ExitCode == 0, "qalter: " + altered);
        var job = await W.JobAsync(id);
        Assert.Equal(("renamed", 5, TimeSpan.FromMinutes(30), 1L << 30), (job.Spec.Name, job.Spec.Priority, job.Spec.Resources.Walltime, job.Spec.Resources.MemoryBytesPerChunk));
        Assert.Equal(JobState.Held, job.State);
        var before = await W.StillRecordAsync(id);

        foreach (var (args, code, says) in new[]
        {
            (new[] { "-N", "x", "-l", "ncpus=64", id }, 2, "the largest node is"),
            (["-l", "mem=64gb", id], 2, "the largest node is"),
            (["-p", "5000", id], 2, "invalid priority"),
            (["-W", "depend=afterok:999999", id], 2, "unknown job 999999"),
            (["-W", "depend=afterok:" + id, id], 2, "would wait for itself"),
            (["-t", "%2", id], 2, "is not an array"),
            (["-h", "o", id], 2, "invalid -h"),
            ([id], 2, "nothing to change"),
            (["-N", "x", "999999"], 1, "unknown job 999999"),
        })
        {
            var r = await W.Omb.RunAsync(["qalter", .. args]);
            Assert.True(r.ExitCode == code, $"qalter {string.Join(' ', args)}: {r}");
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("qalter: ", r.Stderr, StringComparison.Ordinal);
            Assert.Contains(says, r.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(before, await W.StillRecordAsync(id));

        // Released by qalter -h n, the job runs at once.
        Assert.Equal(0, (await W.Omb.RunAsync("qalter", "-h", "n", id)).ExitCode);
        var ended = await W.WaitFinishedAsync(id);
        Assert.Equal((JobState.Completed, 0), (ended.State, ended.ExitStatus));
        var late = await W.Omb.RunAsync("qalter", "-N", "again", id);
        Assert.Equal($"qalter: job {id} has already finished (C): there is nothing to alter\n", late.Stderr);
        var trace = await W.Omb.RunAsync("tracejob", id);
        Assert.Contains("altered by root: name orig -> renamed, priority 0 -> 5, walltime 01:00:00 -> 00:30:00", trace.Stdout, StringComparison.Ordinal);
        Assert.Contains("altered by root: hold u -> n", trace.Stdout, StringComparison.Ordinal);

        // While it waited held, its reason was recorded once as it changed (held by user), not on every admission pass.
        var reasons = trace.Stdout.Split('\n').Where(l => l.Contains("  wait-reason  ", StringComparison.Ordinal)).ToList();
        Assert.True(reasons.Count >= 1 && reasons[0].EndsWith("held by user", StringComparison.Ordinal), trace.Stdout);
        Assert.True(reasons.Count(l => l.EndsWith("held by user", StringComparison.Ordinal)) == 1, trace.Stdout);
    }

    [Fact]
    public async Task Qalter_AJobOfSeveralChunkShapes_RefusesAPerChunkAmount_AndTakesAWholeSelect()
    {
        var id = await W.QsubAsync("-h", "-l", "select=1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb", "--", "/bin/true");
        var before = await W.StillRecordAsync(id);

        foreach (var item in new[] { "ncpus=2", "mem=1gb", "ngpus=1" })
        {
            var r = await W.Omb.RunAsync("qalter", "-l", item, id);
            Assert.True(r.ExitCode == 2, $"qalter -l {item}: {r}");
            Assert.Equal($"qalter: -l {item} is ambiguous for a job of 2 chunk shapes (select=1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb): "
                + "give the whole select with the values you want, e.g. -l select=1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb\n", r.Stderr);
        }

        Assert.Equal(before, await W.StillRecordAsync(id));
        Assert.Contains("Resource_List.select = 1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb\n", (await W.Omb.RunAsync("qstat", "-f", id)).Stdout, StringComparison.Ordinal);

        var altered = await W.Omb.RunAsync("qalter", "-l", "select=1:ncpus=1:mem=2gb+1:ncpus=1:mem=256mb", id);
        Assert.True(altered.ExitCode == 0, "qalter -l select: " + altered);
        Assert.Contains("Resource_List.select = 1:ncpus=1:mem=2gb+1:ncpus=1:mem=256mb\n", (await W.Omb.RunAsync("qstat", "-f", id)).Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await W.Omb.RunAsync("qdel", id)).ExitCode);
    }

    [Fact]
    public async Task Qalter_RunningJobsWalltime_MovesTheWaitingJobsEstimateAtOnce_AndItsNodeEnforcesIt()
    {
        var running = await W.QsubAsync("-N", "long", "-l", "ncpus=2,walltime=01:00:00", "--", "/bin/sleep", "300");
        await W.WaitForAsync(async () => (await W.JobAsync(running)).Tasks[0].StartTime is not null, Wait, "the first job to start");
        var waiting = await W.QsubAsync("-l", "ncpus=2,walltime=00:01:00", "--", "/bin/true");
        var start = (await W.JobAsync(running)).Tasks[0].StartTime!.Value;
        Assert.Equal(start.AddHours(1), await EstimateAsync(waiting));

        var refused = await W.Omb.RunAsync("qalter", "-l", "ncpus=1", running);
        Assert.True(refused.ExitCode == 1, "qalter -l ncpus of a running job: " + refused);
        Assert.Equal($"qalter: job {running} has started (R): only -l walltime and -l cput can change once it runs\n", refused.Stderr);

        var lowered = await W.Omb.RunAsync("qalter", "-l", "walltime=00:10:00", running);
        Assert.True(lowered.ExitCode == 0, "qalter -l walltime: " + lowered);
        Assert.Equal(start.AddMinutes(10), await EstimateAsync(waiting));

        // The node enforces the new limit: the long job ends for its walltime and the waiting one runs.
        Assert.Equal(0, (await W.Omb.RunAsync("qalter", "-l", "walltime=00:00:02", running)).ExitCode);
        var killed = await W.WaitFinishedAsync(running);
        Assert.Contains("walltime", killed.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("exceeded limit 00:00:02", killed.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.Equal(JobState.Completed, (await W.WaitFinishedAsync(waiting)).State);
    }

    [Fact]
    public async Task Qalter_ByAUser_OnlyTheirOwnJobs_AndTheirRunningJobsWalltimeOnlyDown()
    {
        if (TestUser.SkipReason is { } why)
        {
            Assert.Fail("not run: " + why);
        }

        using var ada = await TestUser.CreateAsync("omb-qa-ada" + Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX"));
        var rootJob = await W.QsubAsync("-h", "-N", "roots", "--", "/bin/true");
        var rootBefore = await W.StillRecordAsync(rootJob);
        var other = await ada.RunOmbAsync(W.Home, "qalter", "-N", "mine", rootJob);
        Assert.True(other.ExitCode == 1, "qalter of root's job as ada: " + other);
        Assert.DoesNotContain("roots", other.Stderr, StringComparison.Ordinal);
        Assert.Equal(rootBefore, await W.StillRecordAsync(rootJob));

        // Output to /dev/null: a NAME.oID left in /tmp by an earlier run belongs to an earlier uid.
        var submitted = await ada.RunOmbAsync(W.Home, "qsub", "-o", "/dev/null", "-e", "/dev/null", "-l", "walltime=00:10:00", "--", "/bin/sleep", "120");
        Assert.True(submitted.ExitCode == 0, "qsub as ada: " + submitted);
        var id = submitted.Stdout.Trim();
        await W.WaitForAsync(async () => (await W.JobAsync(id)).Tasks[0].StartTime is not null, Wait, "ada's job to start");
        var before = await W.StillRecordAsync(id);

        var raise = await ada.RunOmbAsync(W.Home, "qalter", "-l", "walltime=01:00:00", id);
        Assert.True(raise.ExitCode == 1, "raising as ada: " + raise);
        Assert.Equal($"qalter: job {id} is running: only an administrator may raise its walltime or cput; you may lower them\n", raise.Stderr);
        Assert.Equal(before, await W.StillRecordAsync(id));

        var lower = await ada.RunOmbAsync(W.Home, "qalter", "-l", "walltime=00:05:00", id);
        Assert.True(lower.ExitCode == 0, "lowering as ada: " + lower);
        Assert.Equal(TimeSpan.FromMinutes(5), (await W.JobAsync(id)).Spec.Resources.Walltime);
        Assert.Equal(0, (await W.Omb.RunAsync("qalter", "-l", "walltime=02:00:00", id)).ExitCode);
        Assert.Equal(TimeSpan.FromHours(2), (await W.JobAsync(id)).Spec.Resources.Walltime);
        Assert.Equal(0, (await W.Omb.RunAsync("qdel", id, rootJob)).ExitCode);
    }

    private async Task<DateTimeOffset?> EstimateAsync(string id)
    {
        var json = await W.Omb.RunAsync("qstat", "-T", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        return JsonSerializer.Deserialize(json.Stdout, OmbJsonContext.Default.EstimateListResponse)!.Jobs.Single(j => j.Id == id).Estimate.Start;
    }
}
