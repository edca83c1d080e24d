using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>qselect against a real server: PBS filters, ids one a line that qdel takes, users see only their own.</summary>
public sealed class QselectTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Lines(params string[] ids) => string.Concat(ids.Select(id => id + "\n"));

    [Fact]
    public async Task Qselect_FiltersByStateNameQueueAndResources_AndItsOutputFeedsQdel()
    {
        var omb = fixture.Omb;
        var big = await omb.QsubAsync("-h", "-N", "big", "-l", "walltime=02:00:00,ncpus=2", "--", "/bin/true");
        var small = await omb.QsubAsync("-N", "small", "-l", "walltime=00:30:00", "--", "/bin/true");
        var array = await omb.QsubAsync("-N", "small", "-t", "1-3", "--", "/bin/true");

        Assert.Equal(Lines(big), (await omb.RunAsync("qselect", "-s", "H")).Stdout);
        Assert.Equal(Lines(big), (await omb.RunAsync("qselect", "-l", "walltime.gt=1:00:00")).Stdout);
        Assert.Equal(Lines(big), (await omb.RunAsync("qselect", "-l", "ncpus.ge=2,walltime.le=2:00:00")).Stdout);
        Assert.Equal(Lines(small, array), (await omb.RunAsync("qselect", "-N", "small", "-q", "batch")).Stdout);
        Assert.Equal("", (await omb.RunAsync("qselect", "-q", "nosuch")).Stdout);

        // The shell idiom of the issue: qdel $(qselect ...), with the ids as separate words.
        var qdel = await ChildProcess.RunAsync("/bin/sh", ["-c", $"'{Repository.OmbBinary}' qdel $('{Repository.OmbBinary}' qselect -N small)"],
            new Dictionary<string, string?> { ["OMB_HOME"] = fixture.Home });
        Assert.True(qdel.ExitCode == 0, "qdel $(qselect -N small): " + qdel);

        var all = await ServerFixture.AllJobsAsync(omb);
        Assert.Equal('X', all.Single(j => j.Id == small).State);
        Assert.Equal('X', all.Single(j => j.Id == array).State);
        Assert.Equal('H', all.Single(j => j.Id == big).State);
        Assert.Equal(Lines(small, array), (await omb.RunAsync("qselect", "-x", "-s", "X", "-N", "small")).Stdout);

        // As PBS Pro: finished jobs are history, which only -x selects from, whatever -s names.
        Assert.Equal("", (await omb.RunAsync("qselect", "-s", "X", "-N", "small")).Stdout);
        Assert.Equal(Lines(big), (await omb.RunAsync("qselect")).Stdout);
    }

    [Fact]
    public async Task Qselect_BadFilter_ExitsTwoWithOneLine_AndChangesNothing()
    {
        var before = await ServerFixture.AllJobsAsync(fixture.Omb);

        foreach (var args in new[] { new[] { "-s", "Z" }, ["-l", "walltime.gt=soon"], ["-l", "cput.gt=1"], ["9bad"], ["a", "b"] })
        {
            var r = await fixture.Omb.RunAsync(["qselect", .. args]);

            Assert.True(r.ExitCode == 2, $"qselect {string.Join(' ', args)}: {r}");
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("qselect: ", r.Stderr, StringComparison.Ordinal);
            Assert.Equal("", r.Stdout);
        }

        Assert.Equal(before, await ServerFixture.AllJobsAsync(fixture.Omb));
    }

    [Fact]
    public async Task Qselect_User_SeesOnlyTheirOwnJobs_AndAdministratorSeesAll()
    {
        if (TestUser.SkipReason is { } why)
        {
            Assert.Fail("not run: " + why);
        }

        using var ada = await TestUser.CreateAsync("omb-qs-ada" + Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX"));
        var rootJob = await fixture.Omb.QsubAsync("-h", "-N", "roots", "--", "/bin/true");
        var submitted = await ada.RunOmbAsync(fixture.Home, "qsub", "-h", "-N", "adas", "--", "/bin/true");
        Assert.True(submitted.ExitCode == 0, "ada's qsub: " + submitted);
        var adaJob = submitted.Stdout.Trim();

        var own = await ada.RunOmbAsync(fixture.Home, "qselect", "-s", "H");
        Assert.Equal(Lines(adaJob), own.Stdout);
        var others = await ada.RunOmbAsync(fixture.Home, "qselect", "-u", "root");
        Assert.Equal((0, ""), (others.ExitCode, others.Stdout));

        Assert.Equal(Lines(adaJob), (await fixture.Omb.RunAsync("qselect", "-u", ada.Name)).Stdout);
        Assert.Contains(rootJob + "\n", (await fixture.Omb.RunAsync("qselect", "-s", "H")).Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await fixture.Omb.RunAsync("qdel", adaJob, rootJob)).ExitCode);
    }
}
