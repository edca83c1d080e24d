using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class SubmissionRehearsalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static NodeTable Nodes(params NodeSnapshot[] nodes) =>
        new(new ClusterMembership(null, nodes), new WorldGateway(), new NodeAdminStates(null));

    [Fact]
    public void Rehearse_WithTheDefaultSettings_AcceptsAndMapsAllThreeJobs()
    {
        // Accepted means decided, mapped to the stored document and read back, answered and listed: the whole path.
        Assert.Equal(3, SubmissionRehearsal.Rehearse(Nodes(new NodeSnapshot("node1", 2, 4L << 30)), new OmbServerOptions(), T0));
    }

    [Fact]
    public void Rehearse_OnASiteThatRefusesItsJobs_StillEnds()
    {
        // No node at all: every job is refused as never fitting, and the rehearsal goes on to the rest.
        Assert.Equal(0, SubmissionRehearsal.Rehearse(Nodes(), new OmbServerOptions(), T0));
    }

    [Fact]
    public async Task StartAsync_CompletesOnceTheRehearsalIsDone()
    {
        var rehearsal = new SubmissionRehearsal(Nodes(new NodeSnapshot("node1", 2, 4L << 30)), Microsoft.Extensions.Options.Options.Create(new OmbServerOptions()), TimeProvider.System,
            NullLogger<SubmissionRehearsal>.Instance);

        await rehearsal.StartAsync(CancellationToken.None);
        await rehearsal.StopAsync(CancellationToken.None);
    }
}
