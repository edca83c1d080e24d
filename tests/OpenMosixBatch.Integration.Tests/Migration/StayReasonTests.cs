using OpenMosixBatch.Integration.Tests.Harness;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>
/// The planner's reason to keep a task where it is reaches qstat -f on a real world: rank 0 plans, the reason goes
/// to the server with the task events, and qstat -f (and its --json) shows the latest one.
/// </summary>
[Collection("World")]
public sealed class StayReasonTests
{
    [Fact]
    public async Task QstatFull_TaskOnANodeWithNothingBetter_ShowsWhyItStays()
    {
        // One node: nowhere else to go, whatever the loads are.
        await using var w = await WorldServer.StartAsync(1);
        var id = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), "1000000000");
        try
        {
            Assert.Equal("node1", await RunningNodeAsync(w, id));
            await w.WaitForAsync(async () => (await w.JobAsync(id)).Tasks[0].StayReason is not null, TimeSpan.FromSeconds(60),
                $"a stay reason for job {id} from rank 0's planner");

            var full = await OkAsync(w, "qstat", "-f", id);
            Assert.Contains("    migration = stays: no other node accepts migrations\n", full.Stdout, StringComparison.Ordinal);
            var json = await OkAsync(w, "qstat", "-f", "--json", id);
            Assert.Contains("\"stayReason\":\"no other node accepts migrations\"", json.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await QdelQuietlyAsync(w, id);
        }
    }
}
