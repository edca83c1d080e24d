using CsCheck;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class ScheduleNamesTests
{
    [Theory]
    [InlineData("nightly")]
    [InlineData("a")]
    [InlineData("9")]
    [InlineData("nightly-backup_v2.1")]
    [InlineData("A.B-C_D")]
    public void Validate_ValidName_ReturnsNull(string name) => Assert.Null(ScheduleNames.Validate(name));

    [Fact]
    public void Validate_SixtyFourCharacters_IsValid() => Assert.Null(ScheduleNames.Validate(new string('a', 64)));

    [Fact]
    public void Validate_SixtyFiveCharacters_SaysTheLimit()
    {
        var error = ScheduleNames.Validate(new string('a', 65));
        Assert.Contains("65 characters", error, StringComparison.Ordinal);
        Assert.Contains("at most 64", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "missing schedule name")]
    [InlineData("", "missing schedule name")]
    [InlineData("-x", "must start with a letter or digit")]
    [InlineData(".hidden", "must start with a letter or digit")]
    [InlineData("_x", "must start with a letter or digit")]
    [InlineData("my job", "contains 'U+0020'")]
    [InlineData("a=b", "contains '='")]
    [InlineData("a#b", "contains '#'")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("nächtlich", "contains 'ä'")]
    [InlineData("a\tb", "contains 'U+0009'")]
    public void Validate_InvalidName_NamesTheProblemAndTheFix(string? name, string expected)
    {
        var error = ScheduleNames.Validate(name);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("nightly-backup", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ArbitraryText_NeverThrowsAndAgreesWithIsValid()
    {
        Gen.String.Sample(s => Assert.Equal(ScheduleNames.Validate(s) is null, ScheduleNames.IsValid(s)));
    }
}
