using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public sealed class ScheduleKeyTests
{
    [Fact]
    public void Equality_SameNameOfTwoOwners_AreTwoKeys()
    {
        Assert.NotEqual(new ScheduleKey(1000, "nightly"), new ScheduleKey(1001, "nightly"));
        Assert.Equal(new ScheduleKey(1000, "nightly"), new ScheduleKey(1000, "nightly"));
    }

    [Fact]
    public void Order_ByNameOrdinalThenOwner()
    {
        ScheduleKey[] keys = [new(2, "b"), new(1, "b"), new(9, "B"), new(5, "a")];

        Assert.Equal([new(9, "B"), new(5, "a"), new(1, "b"), new ScheduleKey(2, "b")], keys.Order(ScheduleKey.Order));
    }

    [Fact]
    public void ToString_IsUidSlashName() => Assert.Equal("1000/nightly", new ScheduleKey(1000, "nightly").ToString());
}
