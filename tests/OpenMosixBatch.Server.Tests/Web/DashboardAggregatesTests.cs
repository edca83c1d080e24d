using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Web;
using static OpenMosixBatch.Server.Tests.Web.DashboardTestJobs;

namespace OpenMosixBatch.Server.Tests.Web;

/// <summary>The dashboard's polls walk the jobs at most once a second, however many pages poll and however fast the queue changes.</summary>
public sealed class DashboardAggregatesTests
{
    private static readonly Caller AliceCaller = new(Alice.Uid, Alice.Gid, Alice.UserName, false);

    [Fact]
    public void Current_ManyPollsWhileTheQueueChanges_ComputesOnceAMaxAge()
    {
        var time = new FakeTimeProvider(T0);
        var state = State(Queued(1, Alice));
        var aggregates = new DashboardAggregates(() => state, time, TimeSpan.FromHours(1));

        Assert.Equal(1, aggregates.Current().Counts.Queued);
        for (var i = 2; i < 50; i++)
        {
            state = State([.. Enumerable.Range(1, i).Select(id => Queued(id, Alice))]);
            Assert.Equal(1, aggregates.Current().Counts.Queued);
        }

        time.Advance(DashboardAggregates.MaxAge);
        Assert.Equal(49, aggregates.Current().Counts.Queued);
        Assert.Equal(2, aggregates.Computations);
    }

    [Fact]
    public void Current_UnchangedQueue_IsKeptLonger_ButNotForever()
    {
        var time = new FakeTimeProvider(T0);
        var state = State(Queued(1, Alice));
        var aggregates = new DashboardAggregates(() => state, time, TimeSpan.FromHours(1));

        aggregates.Current();
        time.Advance(DashboardAggregates.MaxAgeUnchanged - TimeSpan.FromSeconds(1));
        aggregates.Current();
        Assert.Equal(1, aggregates.Computations);
        time.Advance(TimeSpan.FromSeconds(1));
        aggregates.Current();
        Assert.Equal(2, aggregates.Computations);
    }

    [Fact]
    public void JobsOf_IsBuiltOnceAMaxAgePerUser_AndNeverServedToAnother()
    {
        var time = new FakeTimeProvider(T0);
        var state = State(Queued(1, Alice), Queued(2, Bob));
        var aggregates = new DashboardAggregates(() => state, time, TimeSpan.FromHours(1));
        var bobCaller = new Caller(Bob.Uid, Bob.Gid, Bob.UserName, false);
        var builds = 0;
        JobsView Build(Caller c) => aggregates.JobsOf(c, (s, now) =>
        {
            builds++;
            return DashboardViews.Jobs(s, c, _ => null, _ => null, now);
        });

        Assert.Equal(["1"], Build(AliceCaller).Jobs!.Select(j => j.Id));
        Assert.Equal(["1"], Build(AliceCaller).Jobs!.Select(j => j.Id));
        Assert.Equal(["2"], Build(bobCaller).Jobs!.Select(j => j.Id));
        Assert.Equal(2, builds);
        time.Advance(DashboardAggregates.MaxAge);
        state = State(Queued(1, Alice), Queued(2, Bob), Queued(3, Alice));
        Assert.Equal(["3", "1"], Build(AliceCaller).Jobs!.Select(j => j.Id));
        Assert.Equal(3, builds);
    }
}
