using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>qmove against a real server: a waiting job changes queue; refusals leave it where it was (and tracejob shows it).</summary>
public sealed class QmoveTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Qmove_WaitingJob_MovesToTheQueue_AndBadRequestsChangeNothing()
    {
        var omb = fixture.Omb;
        var id = await omb.QsubAsync("-h", "-N", "mover", "--", "/bin/true");

        var moved = await omb.RunAsync("qmove", "express", id);
        Assert.True(moved.ExitCode == 0, "qmove express: " + moved);
        Assert.Equal(id + "\n", (await omb.RunAsync("qselect", "-q", "express", "-N", "mover")).Stdout);
        var before = await ServerFixture.AllJobsAsync(omb);

        foreach (var (args, code) in new[] { (new[] { "nosuch", id }, 2), (["express", id], 1), (["9bad", id], 2), ([id], 2), (["batch", "999999"], 1) })
        {
            var r = await omb.RunAsync(["qmove", .. args]);
            Assert.True(r.ExitCode == code, $"qmove {string.Join(' ', args)}: {r}");
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("qmove: ", r.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(before, await ServerFixture.AllJobsAsync(omb));
        Assert.Equal(0, (await omb.RunAsync("qdel", id)).ExitCode);
        var trace = await omb.RunAsync("tracejob", id);
        Assert.True(trace.ExitCode == 0, "tracejob: " + trace);
        Assert.Contains("moved from queue batch to express by root", trace.Stdout, StringComparison.Ordinal);
        Assert.Contains("job_state = X", trace.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QmoveAndQsig_OnAnotherUsersJob_AreRefusedAsUnknown()
    {
        if (TestUser.SkipReason is { } why)
        {
            Assert.Fail("not run: " + why);
        }

        using var ada = await TestUser.CreateAsync("omb-qm-ada" + Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX"));
        var rootJob = await fixture.Omb.QsubAsync("-h", "-N", "roots", "--", "/bin/true");
        var before = await ServerFixture.AllJobsAsync(fixture.Omb);

        foreach (var args in new[] { new[] { "qmove", "express", rootJob }, ["qsig", "-s", "USR1", rootJob], ["qrerun", rootJob], ["tracejob", rootJob] })
        {
            var r = await ada.RunOmbAsync(fixture.Home, args);
            Assert.True(r.ExitCode == 1, $"{string.Join(' ', args)} as ada: {r}");
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("roots", r.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(before, await ServerFixture.AllJobsAsync(fixture.Omb));
        Assert.Equal(0, (await fixture.Omb.RunAsync("qdel", rootJob)).ExitCode);
    }
}
