using OpenMosixBatch.Cli.Formatting;

namespace OpenMosixBatch.Cli.Tests.Formatting;

public class SizeTextTests
{
    [Theory]
    [InlineData(0L, "0b")]
    [InlineData(1023L, "1023b")]
    [InlineData(1536L, "1.5kb")]
    [InlineData(1610612736L, "1.5gb")]
    [InlineData(8589934592L, "8gb")]
    public void Human_OneDecimal(long bytes, string expected)
    {
        Assert.Equal(expected, SizeText.Human(bytes));
    }

    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(59, "00:00:59")]
    [InlineData(86400 + 3661, "25:01:01")]
    [InlineData(-5, "00:00:00")]
    public void DurationText_HoursNotWrapped(int seconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 5 }, "5")]
    [InlineData(new[] { 1, 2, 3, 5, 7, 8 }, "1-3,5,7-8")]
    [InlineData(new[] { 1, 3, 5 }, "1,3,5")]
    public void IndexRanges_ConsecutiveRunsBecomeRanges(int[] indices, string expected)
    {
        Assert.Equal(expected, IndexRanges.Format(indices));
    }
}
