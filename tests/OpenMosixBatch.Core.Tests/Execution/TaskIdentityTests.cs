using CsCheck;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class TaskIdentityTests
{
    [Fact]
    public void ToArgument_ThenParse_GivesTheSameIdentity()
    {
        Gen.Select(Gen.UInt, Gen.UInt, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789_.-"], 1, 32])
            .Sample((uid, gid, name) => Assert.Equal(new TaskIdentity(uid, gid, name), TaskIdentity.Parse(new TaskIdentity(uid, gid, name).ToArgument())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1001")]
    [InlineData("1001:1002")]
    [InlineData("1001:1002:")]
    [InlineData("-1:1002:alice")]
    [InlineData("+1:1002:alice")]
    [InlineData("1001:1002:alice:extra")]
    [InlineData("4294967296:0:alice")]
    [InlineData(" 1:2:alice")]
    public void Parse_AnythingButUidGidUser_IsNull(string text) => Assert.Null(TaskIdentity.Parse(text));
}
