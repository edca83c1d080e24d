using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Tests.Migration;

/// <summary>Orders for the rank-0 planner tests (jobs and loads: <see cref="OpenMosixBatch.Tests.Shared.RebalancingFixtures"/>).</summary>
internal static class MigrationFixtures
{
    public static WorldOrder Start(Job job, string node, CheckpointRef? restore = null) =>
        new(WorldOrderKind.Start, job.Id, 0, job, [node], Restore: restore);

    public static WorldOrder Tune(bool enabled = true, params string[] offline) =>
        new(WorldOrderKind.Tune, Tunables: new TunablesView([81, 150, 39, 38, 0, 11, 0, 18, 0, 18, 0, 12, 8141, 351], [36, 40, 14, 19, 88, 56], enabled), OfflineNodes: offline);
}
