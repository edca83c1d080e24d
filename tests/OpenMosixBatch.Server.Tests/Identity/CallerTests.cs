using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Tests.Identity;

public sealed class CallerTests
{
    private static readonly Job AlicesJob = JobStateRules.Submit(1,
        new JobSpec { Name = "n", Script = "x", WorkingDirectory = "/", SubmitDirectory = "/" }, new JobOwner(1000, 1000, "alice"), DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(1000u, false, true)]
    [InlineData(1001u, false, false)]
    [InlineData(1001u, true, true)]
    public void MayAccess_OwnJobsOrAdministrator(uint uid, bool admin, bool allowed) =>
        Assert.Equal(allowed, new Caller(uid, uid, "u", admin).MayAccess(AlicesJob));

    [Theory]
    [InlineData(1000u, false, true)]
    [InlineData(1001u, false, false)]
    [InlineData(1001u, true, true)]
    public void Sees_AnotherUsersJob_IsNullAsAMissingOne(uint uid, bool admin, bool seen)
    {
        var caller = new Caller(uid, uid, "u", admin);

        Assert.Equal(seen ? AlicesJob : null, caller.Sees(AlicesJob));
        Assert.Null(caller.Sees(null));
    }
}
