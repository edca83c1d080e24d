using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Findings 4 and 9 of issue 22: a checkpoint directory the old ustar packer could not hold (a 150-character name, 60
/// nested directories) wedged the task, running for ever with its CPUs; one it still cannot hold (a name that is not
/// UTF-8) left the task's spool directory behind. Now the first is packed and restored, the second ends the task with
/// the reason and leaves nothing, and in both the CPUs are free for the victim.
/// </summary>
[Collection("World")]
public sealed class CheckpointPackingAbuseTests(HostileWorld fixture) : IClassFixture<HostileWorld>
{
    private static readonly TimeSpan Finish = TimeSpan.FromSeconds(120);

    [RootFact]
    public async Task LongNameAndDeepNesting_AreCheckpointedAndRestored_AndFreeTheCpusForTheVictim()
    {
        var before = await fixture.VictimLedgerAsync();
        var script = fixture.Script(fixture.Mallory, "long.sh", """
            #!/bin/sh
            #PBS -c enabled
            d=$OMB_CHECKPOINT_DIR
            long=$(printf 'a%.0s' $(seq 150))
            deep=$d; for i in $(seq 60); do deep=$deep/level$i; done
            if [ "$OMB_RESTART_COUNT" = 0 ]; then
                echo named > "$d/$long" && mkdir -p "$deep" && echo nested > "$deep/state" && exit 85
                exit 1
            fi
            cat "$d/$long" "$deep/state"
            """);

        var id = await fixture.QsubAsync(fixture.Mallory, "-N", "long", "-j", "oe", "-l", "ncpus=2", script);
        var job = await fixture.World.WaitFinishedAsync(id, Finish);

        Assert.True(job.State == JobState.Completed, $"ended {job.State}: {job.Tasks[0].Reason}");
        Assert.Equal(1, job.Tasks[0].RestartCount);
        Assert.Equal("named\nnested\n", await File.ReadAllTextAsync(Path.Combine(fixture.MalloryDir, $"long.o{id}")));
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
        await AssertTheVictimGetsTheCpusAsync();
    }

    [RootFact]
    public async Task NameThatIsNotUtf8_EndsTheTaskWithTheReason_AndLeavesNothingOfItOnTheNodes()
    {
        var before = await fixture.VictimLedgerAsync();
        var script = fixture.Script(fixture.Mallory, "latin1.sh", """
            #!/bin/sh
            #PBS -c enabled
            echo x > "$OMB_CHECKPOINT_DIR/$(printf 'caf\351')" && exit 85
            """);

        var id = await fixture.QsubAsync(fixture.Mallory, "-N", "latin1", "-j", "oe", "-l", "ncpus=2", script);
        var job = await fixture.World.WaitFinishedAsync(id, Finish);

        Assert.True(job.State == JobState.Failed, $"ended {job.State}: {job.Tasks[0].Reason}");
        Assert.Contains(@"'caf\xE9' has a name that is not UTF-8", job.Tasks[0].Reason, StringComparison.Ordinal);
        var spool = Path.Combine(fixture.World.Home, "spool");
        var left = Directory.EnumerateFileSystemEntries(spool, $"{job.Id}-0*", SearchOption.AllDirectories).ToList();
        Assert.True(left.Count == 0, "left on the nodes: " + string.Join(", ", left));
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
        await AssertTheVictimGetsTheCpusAsync();
    }

    /// <summary>
    /// Beside a wedged 2-CPU task, a 2-CPU job of the victim's would take the 4-CPU cluster over the 90 % admission
    /// threshold and wait for ever; it runs only when mallory's CPUs were given back.
    /// </summary>
    private async Task AssertTheVictimGetsTheCpusAsync()
    {
        var id = await fixture.QsubAsync(fixture.Victim, "-N", "victim-cpus", "-l", "ncpus=2", "--", "/bin/true");
        var job = await fixture.World.WaitFinishedAsync(id, Finish);
        Assert.True(job.State == JobState.Completed, $"the victim's job ended {job.State}: {job.Tasks[0].Reason}");
    }
}
