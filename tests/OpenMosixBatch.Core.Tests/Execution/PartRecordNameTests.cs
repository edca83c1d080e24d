using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class PartRecordNameTests
{
    [Theory]
    [InlineData(1L, 0, 1L)]
    [InlineData(4711L, 99, 123456789L)]
    public void Parse_OfFormat_GivesTheIdsBack(long job, int task, long part) =>
        Assert.Equal((job, task, part), PartRecordName.Parse(PartRecordName.Format(job, task, part)));

    [Theory]
    [InlineData("")]
    [InlineData("12.3")]
    [InlineData("12.3.4.5")]
    [InlineData("12.3.4.out")]
    [InlineData("0.0.1")]
    [InlineData("1.0.0")]
    [InlineData("01.0.1")]
    [InlineData("-1.0.1")]
    [InlineData("1. 0.1")]
    [InlineData("a.b.c")]
    [InlineData("99999999999999999999.0.1")]
    public void Parse_AnythingElse_IsNull(string name) => Assert.Null(PartRecordName.Parse(name));
}
