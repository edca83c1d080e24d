using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Finding 8 of issue 22: a refusal must not tell one user anything about another user's job or schedule; to mallory,
/// the victim's job is as unknown as a job that does not exist: the same line (but for the id) and the same exit code.
/// </summary>
[Collection("World")]
public sealed class RefusalLeakTests(HostileWorld fixture) : IClassFixture<HostileWorld>
{
    private const string NoJob = "999999";

    [RootTheory]
    [InlineData("qdel")]
    [InlineData("qhold")]
    [InlineData("qrls")]
    public async Task ActionOnTheVictimsJob_AnswersUnknownJob_AsForAJobThatDoesNotExist(string verb)
    {
        var victims = await fixture.QsubAsync(fixture.Victim, "-h", "-N", "victim-" + verb, "--", "/bin/true");
        var before = await fixture.VictimLedgerAsync();

        var onVictims = await fixture.RunAsync(fixture.Mallory, verb, victims);
        var onNothing = await fixture.RunAsync(fixture.Mallory, verb, NoJob);

        Assert.Equal(1, onVictims.ExitCode);
        AssertAnsweredAlike(onNothing, NoJob, onVictims, victims.Split('.')[0]);
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    [RootTheory]
    [InlineData("qdel", "[]")]
    [InlineData("qdel", "[2]")]
    [InlineData("qhold", "[]")]
    [InlineData("qstat -f", "")]
    [InlineData("qstat -f", "[2]")]
    [InlineData("migrate", "[2]")]
    [InlineData("migrate", "")]
    public async Task OtherVerbsAndArrayForms_OnTheVictimsArray_AnswerAsForAJobThatDoesNotExist(string verb, string element)
    {
        var array = (await fixture.QsubAsync(fixture.Victim, "-h", "-t", "1-3", "-N", "victim-array", "--", "/bin/true")).Split('[')[0];
        var before = await fixture.VictimLedgerAsync();
        string[] Command(string id) => [.. verb.Split(' '), id + element, .. verb == "migrate" ? new[] { "node2" } : []];

        var onVictims = await fixture.RunAsync(fixture.Mallory, Command(array));
        var onNothing = await fixture.RunAsync(fixture.Mallory, Command(NoJob));

        Assert.NotEqual(0, onVictims.ExitCode);
        AssertAnsweredAlike(onNothing, NoJob, onVictims, array);
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    [RootFact]
    public async Task DependingOnTheVictimsJob_IsRefusedAsOnAJobThatDoesNotExist()
    {
        var victims = (await fixture.QsubAsync(fixture.Victim, "-h", "-N", "victim-dep", "--", "/bin/true")).Split('.')[0];
        var before = await fixture.VictimLedgerAsync();

        var onVictims = await fixture.RunAsync(fixture.Mallory, "qsub", "-W", "depend=afterok:" + victims, "--", "/bin/true");
        var onNothing = await fixture.RunAsync(fixture.Mallory, "qsub", "-W", "depend=afterok:" + NoJob, "--", "/bin/true");

        // Refused as bad input (2), as a dependency on a missing job always was: nothing queued that shows "(N is H)".
        Assert.Equal(2, onVictims.ExitCode);
        AssertAnsweredAlike(onNothing, NoJob, onVictims, victims);
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    [RootTheory]
    [InlineData("rm")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("run")]
    [InlineData("show")]
    public async Task CronVerbOnTheVictimsSchedule_AnswersUnknownSchedule_AsForOneThatDoesNotExist(string verb)
    {
        var name = "victim-" + verb;
        await fixture.AddPausedScheduleAsync(fixture.Victim, name);
        var schedules = await VictimSchedulesAsync();
        var before = await fixture.VictimLedgerAsync();

        var onVictims = await fixture.RunAsync(fixture.Mallory, "cron", verb, name);
        var naming = await fixture.RunAsync(fixture.Mallory, "cron", verb, name, "-u", fixture.Victim.Name);
        var onNothing = await fixture.RunAsync(fixture.Mallory, "cron", verb, "nosuch-" + verb);

        Assert.Equal(1, onVictims.ExitCode);
        AssertAnsweredAlike(onNothing, "nosuch-" + verb, onVictims, name);
        AssertAnsweredAlike(onNothing, "nosuch-" + verb, naming, name);
        Assert.Equal(schedules, await VictimSchedulesAsync());
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    [RootFact]
    public async Task ScheduleNames_ArePerOwner_MalloryTakingTheVictimsNameTouchesNothingOfTheVictims()
    {
        await fixture.AddPausedScheduleAsync(fixture.Victim, "nightly");
        var schedules = await VictimSchedulesAsync();
        var before = await fixture.VictimLedgerAsync();

        await fixture.AddPausedScheduleAsync(fixture.Mallory, "nightly");
        var removed = await fixture.RunAsync(fixture.Mallory, "cron", "rm", "nightly");

        Assert.True(removed.ExitCode == 0, "mallory removing his own 'nightly': " + removed);
        Assert.Equal(schedules, await VictimSchedulesAsync());
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    /// <summary>Same exit code, and the same line once each answer's own id or name is written as ID.</summary>
    private static void AssertAnsweredAlike(CommandResult expected, string expectedId, CommandResult actual, string actualId)
    {
        Assert.DoesNotContain("belongs", actual.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("omb-hx-victim", actual.Stderr, StringComparison.Ordinal);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.Stdout.Replace(expectedId, "ID", StringComparison.Ordinal), actual.Stdout.Replace(actualId, "ID", StringComparison.Ordinal));
        Assert.Equal(expected.Stderr.Replace(expectedId, "ID", StringComparison.Ordinal), actual.Stderr.Replace(actualId, "ID", StringComparison.Ordinal));
    }

    private async Task<string> VictimSchedulesAsync()
    {
        var r = await fixture.RunAsync(fixture.Victim, "cron", "list", "--json");
        Assert.True(r.ExitCode == 0, "cron list as the victim: " + r);
        return r.Stdout;
    }
}
