using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>
/// omb's small image (the fast path) reads plain option lists and directives; anything else it hands to the full CLI
/// (omb-cli). A script on stdin is read before its directives are: the full CLI must still get it whole. A server of
/// its own, so that its jobs change no other test's queue.
/// </summary>
public sealed class QsubFullCliHandoverTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Omb Omb => fixture.Omb;

    /// <summary>An attached value (-Nname) is the full CLI's to read, after the small image has read stdin.</summary>
    [Fact]
    public async Task Qsub_ScriptOnStdinWithDirectivesOnlyTheFullCliReads_IsSubmittedWhole()
    {
        var r = await Omb.RunWithStdinAsync("#!/bin/bash\n#PBS -Nattached-name\n#PBS -j oe\necho from stdin\n", "qsub", "-A", "acct3");

        Assert.True(r.ExitCode == 0, r.ToString());
        var full = (await Omb.RunAsync("qstat", "-f", r.Stdout.Trim())).Stdout;
        Assert.Contains("Job_Name = attached-name", full, StringComparison.Ordinal);
        Assert.Contains("Account_Name = acct3", full, StringComparison.Ordinal);
        Assert.Contains("Join_Path = oe", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qsub_OptionsOnlyTheFullCliReads_SubmitsAsTheyAsk()
    {
        var id = await Omb.QsubAsync("-h", "-Ngrouped", "--", "/bin/true");

        var full = (await Omb.RunAsync("qstat", "-f", id)).Stdout;
        Assert.Contains("Job_Name = grouped", full, StringComparison.Ordinal);
        Assert.Contains("job_state = H", full, StringComparison.Ordinal);
    }
}
