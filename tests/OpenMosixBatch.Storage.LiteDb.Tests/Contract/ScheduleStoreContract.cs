using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

/// <summary>The behaviour every <see cref="IScheduleStore"/> owes the server, run once per store by a derived class.</summary>
public abstract class ScheduleStoreContract : IDisposable
{
    /// <summary>A new, empty store.</summary>
    protected abstract IScheduleStore CreateStore();

    /// <summary>The store as the next server process would see it: closed and opened again where that means anything.</summary>
    protected abstract IScheduleStore Reopen(IScheduleStore store);

    [Fact]
    public void Load_EmptyStore_ReturnsNoSchedules()
    {
        Assert.Empty(CreateStore().Load());
    }

    [Fact]
    public void Put_ScheduleWithEveryFieldSet_ReopenedLoadRoundTripsEveryField()
    {
        var schedule = TestSchedules.EveryFieldSet("nightly.backup-1");
        DeepEquality.AssertEveryMemberSet(schedule);
        var store = CreateStore();

        store.Put([schedule]);

        DeepEquality.AssertEqual(schedule, Assert.Single(Reopen(store).Load()));
    }

    [Fact]
    public void Put_ScheduleWithDefaults_RoundTripsNullsAndDefaults()
    {
        var schedule = TestSchedules.Plain("plain");
        var store = CreateStore();

        store.Put([schedule]);

        var loaded = Assert.Single(Reopen(store).Load());
        DeepEquality.AssertEqual(schedule, loaded);
        Assert.Equal((OverlapPolicy.Skip, MisfirePolicy.Once), (loaded.Overlap, loaded.Misfire));
        Assert.Null(loaded.NextFireTime);
        Assert.Null(loaded.TimeZoneId);
    }

    [Fact]
    public void Put_SameNameAgain_ReplacesTheSchedule()
    {
        var store = CreateStore();
        var first = TestSchedules.Plain("nightly");
        var fired = first with { LastJobId = 7, LastFireTime = TestSchedules.Plain("x").CreatedAt.AddDays(1) };

        store.Put([first]);
        store.Put([fired]);

        DeepEquality.AssertEqual(fired, Assert.Single(Reopen(store).Load()));
    }

    [Fact]
    public void Load_SchedulesPutOutOfOrder_ReturnsThemOrderedByName()
    {
        var store = CreateStore();

        store.Put([TestSchedules.Plain("zeta"), TestSchedules.Plain("Alpha")]);
        store.Put([TestSchedules.Plain("beta")]);

        Assert.Equal(["Alpha", "beta", "zeta"], Reopen(store).Load().Select(s => s.Name));
    }

    [Fact]
    public void Put_ListWithABadSchedule_StoresNoneOfIt()
    {
        var store = CreateStore();
        store.Put([TestSchedules.Plain("kept")]);

        Assert.ThrowsAny<Exception>(() => store.Put([TestSchedules.Plain("new-1"), null!, TestSchedules.Plain("new-2")]));

        Assert.Equal(["kept"], Reopen(store).Load().Select(s => s.Name));
    }

    [Fact]
    public void Delete_KnownName_RemovesOnlyThatSchedule_AndUnknownNameIsFalse()
    {
        var store = CreateStore();
        store.Put([TestSchedules.Plain("a"), TestSchedules.Plain("b", uid: 1001)]);

        Assert.True(store.Delete(new ScheduleKey(1000, "a")));
        Assert.False(store.Delete(new ScheduleKey(1000, "a")));
        Assert.False(store.Delete(new ScheduleKey(1000, "never")));
        Assert.False(store.Delete(new ScheduleKey(1000, "b")));

        var left = Assert.Single(Reopen(store).Load());
        Assert.Equal(("b", 1001u), (left.Name, left.Owner.Uid));
    }

    [Fact]
    public void Put_SameNameForTwoOwners_KeepsBoth_OrderedByNameThenOwner_AndDeleteTakesOnlyThatOwners()
    {
        var store = CreateStore();

        store.Put([TestSchedules.Plain("nightly", uid: 1001), TestSchedules.Plain("nightly"), TestSchedules.Plain("a", uid: 1001)]);
        store.Put([TestSchedules.Plain("nightly") with { LastJobId = 7 }]);

        var reopened = Reopen(store);
        Assert.Equal([("a", 1001u, (long?)null), ("nightly", 1000u, 7L), ("nightly", 1001u, null)],
            reopened.Load().Select(s => (s.Name, s.Owner.Uid, s.LastJobId)));
        Assert.True(reopened.Delete(new ScheduleKey(1001, "nightly")));
        Assert.Equal([("a", 1001u), ("nightly", 1000u)], Reopen(reopened).Load().Select(s => (s.Name, s.Owner.Uid)));
    }

    public void Dispose()
    {
        DisposeResources();
        GC.SuppressFinalize(this);
    }

    protected virtual void DisposeResources()
    {
    }
}
