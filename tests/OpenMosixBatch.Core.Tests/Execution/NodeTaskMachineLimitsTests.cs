using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class NodeTaskMachineLimitsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_LimitsChanged_EnforcesTheNewWalltimeFromTheNextSample()
    {
        var state = new NodeTaskState(new TaskKey(1, 0), CheckpointPolicy.None, new ResourceRequest(Walltime: TimeSpan.FromHours(1)), T0);
        var sample = new NodeTaskEvent.Sampled(T0.AddMinutes(20), 1 << 20);
        Assert.Null(NodeTaskMachine.Apply(state, sample).State.KillReason);

        var lowered = NodeTaskMachine.Apply(state, new NodeTaskEvent.LimitsChanged(new ResourceRequest(Walltime: TimeSpan.FromMinutes(10))));
        var after = NodeTaskMachine.Apply(lowered.State, sample);

        Assert.Empty(lowered.Actions);
        Assert.StartsWith("walltime 00:20:00 exceeded limit 00:10:00", after.State.KillReason, StringComparison.Ordinal);
    }
}
