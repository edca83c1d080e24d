using CsCheck;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Tests.Placement;

public sealed class ChunkSlotsTests
{
    [Fact]
    public void Total_AfterAnyReleases_EqualsACountOverEveryNodeAndSaysWhetherPlacementSucceeds()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 10], Gen.Int[1, 20]).Sample((seed, nodeCount, chunks) =>
        {
            var r = new Random(seed);
            var nodes = TaskPlacerEquivalenceTests.RandomNodes(r, nodeCount);
            var request = new ResourceRequest(chunks, r.Next(1, 4), r.Next(3) * (256L << 20));
            var ledger = new NodeLedger(nodes, UtilizationMode.Max);
            var slots = new ChunkSlots(request, ledger);

            for (var step = 0; step < 6; step++)
            {
                var n = nodes[r.Next(nodes.Count)];
                slots.Release(n.Name, r.Next(0, 3), r.Next(2) * (256L << 20));

                var counted = ledger.Accepting.Sum(x => Math.Min((long)x.FreeCpus / request.CpusPerChunk,
                    request.MemoryBytesPerChunk > 0 ? x.FreeMemoryBytes / request.MemoryBytesPerChunk : long.MaxValue));
                Assert.Equal(counted, slots.Total);
                Assert.Equal(slots.Total >= chunks, TaskPlacer.Place(request, ledger, new Dictionary<string, int>()).Nodes is not null);
            }
        });
    }
}
