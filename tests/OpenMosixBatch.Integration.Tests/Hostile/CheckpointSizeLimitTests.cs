using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Finding 5 of issue 22: a sparse file in the checkpoint directory costs its user no blocks but became its full
/// length in the node's store, in every kept generation on the server and in the transfers, all written as root. Now
/// a checkpoint is counted at its apparent size against Omb:Limits:MaxCheckpointSize and refused over it while packing.
/// </summary>
[Collection("World")]
public sealed class CheckpointSizeLimitTests
{
    private const long Limit = 64L << 20;

    [RootFact]
    public async Task SparseGigabyte_IsRefusedOverTheLimit_AndNoBigFileIsLeftUnderTheHome()
    {
        var world = await HostileWorld.StartWithEnvironmentAsync(new Dictionary<string, string> { ["Omb__Limits__MaxCheckpointSize"] = "64mb" });
        try
        {
            var before = await world.VictimLedgerAsync();
            var script = world.Script(world.Mallory, "sparse.sh", """
                #!/bin/sh
                #PBS -c enabled
                [ "$OMB_RESTART_COUNT" = 0 ] || exit 0
                truncate -s 1G "$OMB_CHECKPOINT_DIR/sparse" && exit 85
                """);

            var id = await world.QsubAsync(world.Mallory, "-N", "sparse", "-j", "oe", script);
            var job = await world.World.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));

            Assert.True(job.State == JobState.Failed, $"ended {job.State}: {job.Tasks[0].Reason}");
            Assert.Contains("larger than the limit of 64mb (" + CheckpointSizeLimit.Key + ")", job.Tasks[0].Reason, StringComparison.Ordinal);
            Assert.Empty(job.Tasks[0].Checkpoints);
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
            var big = Directory.EnumerateFiles(world.World.Home, "*", options).Select(f => new FileInfo(f)).Where(f => f.Length >= Limit)
                .Select(f => $"{f.FullName} ({f.Length} bytes)").ToList();
            Assert.True(big.Count == 0, "left under OMB_HOME: " + string.Join(", ", big));
            (await world.VictimLedgerAsync()).AssertUnchangedSince(before);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }
}
