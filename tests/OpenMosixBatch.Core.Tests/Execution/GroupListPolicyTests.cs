using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class GroupListPolicyTests
{
    [Fact]
    public void Decide_NoGroupAsked_IsThePrimaryGroup() => Assert.Equal((1000u, (string?)null), GroupListPolicy.Decide(null, null, 1000, []));

    [Fact]
    public void Decide_GroupTheOwnerBelongsTo_IsTheTasksGroup() => Assert.Equal((2001u, (string?)null), GroupListPolicy.Decide("proj", 2001, 1000, [1000, 2001]));

    [Fact]
    public void Decide_GroupOfOthers_RefusesNamingIt() => Assert.Contains("'wheel'", GroupListPolicy.Decide("wheel", 10, 1000, [1000]).Refusal, StringComparison.Ordinal);

    [Fact]
    public void Decide_UnknownGroup_RefusesNamingIt() => Assert.Contains("does not exist", GroupListPolicy.Decide("nope", null, 1000, [1000]).Refusal, StringComparison.Ordinal);
}
