using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Tests.Api;

public sealed class TraceEndpointsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly Caller Bob = new(1001, 1001, "bob", false);
    private static readonly Caller Root = new(0, 0, "root", true);

    private static readonly Job AlicesJob = JobStateRules.Submit(7, new JobSpec { Name = "j", WorkingDirectory = "/w", SubmitDirectory = "/w" },
        new JobOwner(1000, 1000, "alice"), Now.AddDays(-10));

    private static readonly JobEvent[] Events =
    [
        new(7, Now.AddDays(-10), "submitted", "submitted by alice to queue batch"),
        new(7, Now.AddHours(-1), "dispatched", "7 to node1"),
    ];

    private static (JobEventsResponse? Response, ApiError? Error) Decide(string id, int? days, Caller caller) =>
        TraceEndpoints.Decide(id, days, caller, n => n == 7 ? AlicesJob : null, n => n == 7 ? Events : [], Now);

    [Fact]
    public void Decide_OwnJob_GivesItsWholeHistory_AndAnAdministratorToo()
    {
        Assert.Equal(Events, Decide("7", null, Alice).Response!.Events);
        Assert.Equal(Events, Decide("7.host", null, Root).Response!.Events);
    }

    [Fact]
    public void Decide_Days_LeavesOutOlderEvents()
    {
        Assert.Equal([Events[1]], Decide("7", 1, Alice).Response!.Events);
    }

    [Fact]
    public void Decide_AnotherUsersJob_IsAnsweredAsAnUnknownOne()
    {
        var (_, error) = Decide("7", null, Bob);

        Assert.Equal((ApiErrorKind.Refused, "unknown job 7: check the id with 'qstat -x'"), (error!.Kind, error.Message));
        var missing = Decide("8", null, Bob).Error!;
        Assert.Equal((ApiErrorKind.Refused, "unknown job 8: check the id with 'qstat -x'"), (missing.Kind, missing.Message));
    }

    [Theory]
    [InlineData("x", null)]
    [InlineData("7", 0)]
    [InlineData("7", 36501)]
    public void Decide_BadIdOrPeriod_IsBadInput(string id, int? days)
    {
        Assert.Equal(ApiErrorKind.BadInput, Decide(id, days, Alice).Error!.Kind);
    }
}
