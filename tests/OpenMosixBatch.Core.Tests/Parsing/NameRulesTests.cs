using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("run_1.sh")]
    [InlineData("7-days")]
    public void ValidateJobName_Valid(string name) => Assert.Null(NameRules.ValidateJobName(name));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("-dash")]
    [InlineData("tab\tname")]
    public void ValidateJobName_Invalid(string name) => Assert.NotNull(NameRules.ValidateJobName(name));

    [Fact]
    public void ValidateJobName_TooLong() => Assert.Contains("236", NameRules.ValidateJobName(new string('a', 237)), StringComparison.Ordinal);

    [Theory]
    [InlineData("batch", true)]
    [InlineData("express-2", true)]
    [InlineData("1batch", false)]
    [InlineData("a queue", false)]
    [InlineData("averyveryverylongqueue", false)]
    public void ValidateQueueName(string name, bool valid) => Assert.Equal(valid, NameRules.ValidateQueueName(name) is null);
}
