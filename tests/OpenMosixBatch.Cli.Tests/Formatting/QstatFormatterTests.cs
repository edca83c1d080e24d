using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;

namespace OpenMosixBatch.Cli.Tests.Formatting;

public class QstatFormatterTests
{
    [Fact]
    public void Format_Jobs_TorqueTable()
    {
        var text = QstatFormatter.Format([
            new JobSummary("42", "job.sh", "alice", TimeSpan.FromSeconds(3725), 'R', "batch", 1),
            new JobSummary("43[]", "a_very_long_job_name_indeed", "bob", TimeSpan.Zero, 'Q', "fast", 10),
        ]);

        Assert.Equal(
            "Job ID                    Name             User            Time Use S Queue\n" +
            "------------------------- ---------------- --------------- -------- - -----\n" +
            "42                        job.sh           alice           01:02:05 R batch\n" +
            "43[]                      a_very_long_job* bob             00:00:00 Q fast\n",
            text);
    }

    [Fact]
    public void Format_NoJobs_PrintsNothingLikePbs()
    {
        Assert.Equal(string.Empty, QstatFormatter.Format([]));
    }

    [Theory]
    [InlineData("abc", 5, "abc  ")]
    [InlineData("abcde", 5, "abcde")]
    [InlineData("abcdef", 5, "abcd*")]
    public void Fit_PadsOrCutsWithStar(string value, int width, string expected)
    {
        Assert.Equal(expected, QstatFormatter.Fit(value, width));
    }

    [Fact]
    public void Format_LongUserAndId_ColumnsStayAligned()
    {
        var lines = QstatFormatter.Format([new JobSummary("123456789012345678901234567890", "n", "a_user_name_too_long", TimeSpan.FromHours(150), 'H', "q", 1)])
            .Split('\n');

        Assert.Equal("123456789012345678901234* n                a_user_name_to* 150:00:00 H q", lines[2]);
    }
}
