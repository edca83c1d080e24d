using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Node.World;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Tests.World;

public sealed class CheckpointShipmentTests
{
    private static readonly string Sha = new('a', 64);

    [Theory]
    [InlineData(ShipmentPurpose.Upload, CheckpointCause.Periodic, null)]
    [InlineData(ShipmentPurpose.Migrate, CheckpointCause.Migration, "node3")]
    [InlineData(ShipmentPurpose.Restore, CheckpointCause.Eviction, null)]
    public void Format_ThenParse_RoundTrips(ShipmentPurpose purpose, CheckpointCause cause, string? target)
    {
        var shipment = new CheckpointShipment(purpose, 123456789012, 7, Sha, 3, cause, target, "node1");

        Assert.Equal(shipment, CheckpointShipment.Parse(shipment.Format()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upload|1|0")]
    [InlineData("Bogus|1|0|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|0|Periodic||n")]
    [InlineData("Upload|-1|0|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|0|Periodic||n")]
    [InlineData("Upload|1|0|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|0|Periodic||n")]
    [InlineData("Upload|1|0|abc|0|Periodic||n")]
    [InlineData("Upload|1|0|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|0|Sometimes||n")]
    [InlineData("Upload|1|0|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|0|Periodic||")]
    [InlineData("7|1|0|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|0|Periodic||n")]
    public void Parse_MalformedKey_IsNull(string key)
    {
        Assert.Null(CheckpointShipment.Parse(key));
    }
}
