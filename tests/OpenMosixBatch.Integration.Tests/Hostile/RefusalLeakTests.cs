using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Finding 8 of issue 22: a refusal must not tell one user anything about another user's job or schedule; to mallory,
/// the victim's job is as unknown as a job that does not exist.
/// </summary>
[Collection("World")]
public sealed class RefusalLeakTests(HostileWorld fixture) : IClassFixture<HostileWorld>
{
    [RootTheory]
    [InlineData("qdel")]
    [InlineData("qhold")]
    [InlineData("qrls")]
    public async Task ActionOnTheVictimsJob_AnswersUnknownJob_AsForAJobThatDoesNotExist(string verb)
    {
        var victims = await fixture.QsubAsync(fixture.Victim, "-h", "-N", "victim-" + verb, "--", "/bin/true");
        var before = await fixture.VictimLedgerAsync();

        var onVictims = await fixture.RunAsync(fixture.Mallory, verb, victims);
        var onNothing = await fixture.RunAsync(fixture.Mallory, verb, "999999");

        Assert.Equal(1, onVictims.ExitCode);
        Assert.DoesNotContain(fixture.Victim.Name, onVictims.Stderr, StringComparison.Ordinal);
        Assert.Equal(onNothing.Stderr.Replace("999999", "ID", StringComparison.Ordinal),
            onVictims.Stderr.Replace(victims.Split('.')[0], "ID", StringComparison.Ordinal));
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }
}
