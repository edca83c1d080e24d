using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Selection;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Tests.Api;

public sealed class SelectEndpointsTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly Caller Root = new(0, 0, "root", true);

    private static Job Job(long id, uint owner, ArraySpec? array = null)
    {
        var spec = new JobSpec { Name = "j", WorkingDirectory = "/w", SubmitDirectory = "/w", Array = array };
        return JobStateRules.Submit(id, spec, new JobOwner(owner, owner, owner == 1000 ? "alice" : "bob"), T);
    }

    private static readonly Job[] Jobs = [Job(3, 1001), Job(1, 1000), Job(2, 1000, new ArraySpec([1, 2]))];

    [Fact]
    public void Decide_User_GetsOnlyTheirOwnMatchingIds_InIdOrder()
    {
        var (response, error) = SelectEndpoints.Decide(new JobSelectRequest(new JobSelection()), Alice, Jobs);

        Assert.Null(error);
        Assert.Equal(["1", "2[]"], response!.Ids);
    }

    [Fact]
    public void Decide_UserNamingAnotherUser_GetsNothingOfTheirs()
    {
        var (response, _) = SelectEndpoints.Decide(new JobSelectRequest(new JobSelection { Users = ["bob"] }), Alice, Jobs);

        Assert.Empty(response!.Ids);
    }

    [Fact]
    public void Decide_Administrator_SeesEveryOwner()
    {
        var (response, _) = SelectEndpoints.Decide(new JobSelectRequest(new JobSelection { Users = ["bob"] }), Root, Jobs);

        Assert.Equal(["3"], response!.Ids);
    }

    [Fact]
    public void Decide_BadFilterOrMissingBody_IsBadInput()
    {
        Assert.Equal(ApiErrorKind.BadInput, SelectEndpoints.Decide(new JobSelectRequest(new JobSelection { States = "?" }), Alice, Jobs).Error!.Kind);
        Assert.Equal(ApiErrorKind.BadInput, SelectEndpoints.Decide(null, Alice, Jobs).Error!.Kind);
        Assert.Equal(ApiErrorKind.BadInput, SelectEndpoints.Decide(new JobSelectRequest(null!), Alice, Jobs).Error!.Kind);
    }
}
