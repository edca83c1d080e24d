using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Findings 3 and 9 of issue 22: a job too large for the store (a -v value of 16 MB, a script of control characters
/// that JSON writes six times larger) once stopped every later write of the queue, and resource counts and the API's
/// enums were taken unchecked. Each is now refused at submission, on one line naming the limit, and nothing else moves.
/// </summary>
[Collection("World")]
public sealed class OversizedJobTests(HostileWorld fixture) : IClassFixture<HostileWorld>
{
    [RootFact]
    public async Task OversizedJobs_AreRefusedNamingOmbLimits_AndTheVictimsJobsAreUnchanged()
    {
        var before = await fixture.VictimLedgerAsync();

        // Under MaxRequestBodySize (32 MB) and MaxScriptSize (4 MB), over the store's largest record once stored.
        var environment = await PostAsync(fixture.Mallory, "/v1/jobs", SubmitBody("true", new string('x', 16_000_000)));
        var script = fixture.Script(fixture.Mallory, "ctl.sh", "#!/bin/sh\n" + new string('\u0001', 3_900_000) + "\n");
        var controls = await fixture.RunAsync(fixture.Mallory, "qsub", "-h", script);

        Assert.True(environment.StartsWith("400 ", StringComparison.Ordinal) && environment.Contains(SubmissionLimits.JobKey, StringComparison.Ordinal), environment);
        Assert.Equal(2, controls.ExitCode);
        Assert.Contains(SubmissionLimits.JobKey, controls.Stderr, StringComparison.Ordinal);
        Assert.Single(controls.Stderr.Trim().Split('\n'));
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    [RootFact]
    public async Task VictimsSubmissions_AtTheMomentOfAnOversizedOne_AreAllAcceptedAndRun()
    {
        var script = fixture.Script(fixture.Mallory, "ctl2.sh", "#!/bin/sh\n" + new string('\u0001', 3_900_000) + "\n");
        var attack = Enumerable.Range(0, 3).Select(_ => fixture.RunAsync(fixture.Mallory, "qsub", "-h", script)).ToList();
        var victims = Enumerable.Range(0, 8).Select(i => fixture.RunAsync(fixture.Victim, "qsub", "-N", $"victim-{i}", "--", "/bin/true")).ToList();

        var accepted = await Task.WhenAll(victims);
        var refused = await Task.WhenAll(attack);

        Assert.All(refused, r => Assert.Equal(2, r.ExitCode));
        Assert.All(accepted, r => Assert.True(r.ExitCode == 0, "the victim's qsub: " + r));
        foreach (var id in accepted.Select(r => r.Stdout.Trim()))
        {
            Assert.Equal(Core.Jobs.JobState.Completed, (await fixture.World.WaitFinishedAsync(id)).State);
        }
    }

    [RootFact]
    public async Task ChunkCountWhoseCpusOverflow_IsRefusedAtSubmission()
    {
        // qsub refuses counts over a million itself; the API is the boundary. 2^30 chunks × 2 CPUs once showed -2147483648.
        var before = await fixture.VictimLedgerAsync();

        var answer = await PostAsync(fixture.Mallory, "/v1/jobs", SubmitBody("true", "x", chunks: 1 << 30));

        Assert.True(answer.StartsWith("400 ", StringComparison.Ordinal) && answer.Contains("more than any count can hold", StringComparison.Ordinal), answer);
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    [RootFact]
    public async Task MoreChunksThanTheWholeClusterHolds_IsRefusedAtSubmissionNamingItsCapacity()
    {
        var before = await fixture.VictimLedgerAsync();

        var r = await fixture.RunAsync(fixture.Mallory, "qsub", "-l", "select=5:ncpus=1", "--", "/bin/true");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("its 2 nodes (4 CPUs and 8 GiB in all) hold at most 4 such chunks", r.Stderr, StringComparison.Ordinal);
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    [RootTheory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("\"Hold, Release\"")]
    public async Task JobActionNotNamedByTheContract_IsRefusedAndChangesNothing(string action)
    {
        var id = await fixture.QsubAsync(fixture.Mallory, "-h", "--", "/bin/true");

        var answer = await PostAsync(fixture.Mallory, "/v1/jobs/actions", $"{{\"action\":{action},\"ids\":[\"{id}\"]}}");

        Assert.True(answer.StartsWith("400 ", StringComparison.Ordinal), answer);
        Assert.Equal(Core.Jobs.JobState.Held, (await fixture.World.JobAsync(id)).State);
    }

    /// <summary>The request as mallory sends it herself (curl on the Unix socket): "STATUS BODY".</summary>
    private async Task<string> PostAsync(TestUser user, string path, string body)
    {
        var file = user.File(Path.Combine(fixture.DirectoryOf(user), "body.json"), body);
        var r = await user.RunAsync(["curl", "-s", "--unix-socket", Api.Client.OmbHome.SocketPath(fixture.World.Home),
            "-H", "Content-Type: application/json", "--data-binary", "@" + file, "-w", "\n%{http_code}", "http://localhost" + path]);
        var lines = r.Stdout.TrimEnd().Split('\n');
        return lines[^1] + " " + string.Join('\n', lines[..^1]);
    }

    /// <summary>A held job as qsub would send it, with an environment value and a chunk count of mallory's choosing.</summary>
    private string SubmitBody(string script, string bigValue, int chunks = 1)
    {
        var dir = fixture.DirectoryOf(fixture.Mallory);
        return $"{{\"spec\":{{\"name\":\"big\",\"queue\":\"batch\",\"script\":\"{script}\",\"command\":[],\"arguments\":[],\"dependencies\":[]," +
            $"\"checkpoint\":{{\"mode\":\"None\"}},\"resources\":{{\"chunks\":{chunks},\"cpusPerChunk\":2}},\"workingDirectory\":\"{dir}\",\"submitDirectory\":\"{dir}\"," +
            $"\"held\":true,\"environment\":{{\"BIG\":\"{bigValue}\"}}}}}}";
    }
}
