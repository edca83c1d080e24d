using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>Users see and change only their own jobs; administrators (root by default) see and change all.</summary>
public sealed class UserSeparationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task OtherUser_CannotSeeOrChangeRootsJobs_AndRootSeesAll()
    {
        if (TestUser.SkipReason is { } why)
        {
            Assert.Fail("not run: " + why);
        }

        using var alice = await TestUser.CreateAsync("omb-it-alice");
        var rootJob = await fixture.Omb.QsubAsync(Repository.Jobs("hello.sh"));
        var submitted = await alice.RunOmbAsync(fixture.Home, "qsub", "-N", "alices", "--", "/bin/true");
        Assert.True(submitted.ExitCode == 0, "alice's qsub: " + submitted);
        var aliceJob = submitted.Stdout.Trim();

        var seen = await alice.RunOmbAsync(fixture.Home, "qstat", "-x");
        Assert.Contains(aliceJob, seen.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(rootJob + " ", seen.Stdout, StringComparison.Ordinal);
        Assert.Contains("omb-it-alice", seen.Stdout, StringComparison.Ordinal);

        foreach (var verb in new[] { "qdel", "qhold" })
        {
            var r = await alice.RunOmbAsync(fixture.Home, verb, rootJob);
            Assert.True(r.ExitCode == 1, $"{verb} of root's job as alice: {r}");
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        var detail = await alice.RunOmbAsync(fixture.Home, "qstat", "-f", rootJob);
        Assert.Equal(1, detail.ExitCode);
        Assert.DoesNotContain("hello", detail.Stdout + detail.Stderr, StringComparison.Ordinal);

        var all = await ServerFixture.AllJobsAsync(fixture.Omb);
        Assert.Equal('Q', all.Single(j => j.Id == rootJob).State);
        var aliceRow = all.Single(j => j.Id == aliceJob);
        Assert.Equal("omb-it-alice", aliceRow.User);
        Assert.Equal(0, (await fixture.Omb.RunAsync("qhold", aliceJob)).ExitCode);
    }
}
