using System.Text;
using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;

namespace OpenMosixBatch.Cli.Tests.Api;

/// <summary>qstat prints the listing row by row as it reads it: the rows and the table are those of the whole list.</summary>
public class JobListReaderTests
{
    private static readonly JobSummary[] Rows =
    [
        new("42", "job.sh", "alice", TimeSpan.FromSeconds(3725), 'R', "batch", 1),
        new("43[]", "a \"quoted\" name", "bob", TimeSpan.Zero, 'Q', "fast", 10),
        new("44[7]", "élément", "carol", TimeSpan.FromHours(30), 'H', "batch", 1),
    ];

    private static byte[] Body(IReadOnlyList<JobSummary> rows) =>
        JsonSerializer.SerializeToUtf8Bytes(new JobListResponse(rows), OmbJsonContext.Default.JobListResponse);

    [Fact]
    public void ForEach_ReadsEveryRowInOrder()
    {
        var read = new List<JobSummary>();

        var count = JobListReader.ForEach(Body(Rows), read.Add);

        Assert.Equal(3, count);
        Assert.Equal(Rows, read);
    }

    [Fact]
    public void ForEach_EmptyListing_ReadsNothing()
    {
        Assert.Equal(0, JobListReader.ForEach(Body([]), _ => Assert.Fail("no row expected")));
    }

    [Fact]
    public void ForEach_SkipsPropertiesItDoesNotKnow()
    {
        // A newer server may send more than the rows; an older client still prints them.
        var body = Encoding.UTF8.GetBytes("""{"note":{"a":[1,2]},"jobs":[{"id":"1","name":"n","user":"u","cpuTime":"00:00:01","state":"R","queue":"q","taskCount":1}],"more":[3]}""");
        var read = new List<JobSummary>();

        JobListReader.ForEach(body, read.Add);

        Assert.Equal([new JobSummary("1", "n", "u", TimeSpan.FromSeconds(1), 'R', "q", 1)], read);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"jobs":[{"id":"1"},""")]
    [InlineData("""{"jobs":[null]}""")]
    public void ForEach_NotAListing_Throws(string text)
    {
        Assert.ThrowsAny<JsonException>(() => JobListReader.ForEach(Encoding.UTF8.GetBytes(text), _ => { }));
    }

    [Fact]
    public void StreamedTable_IsTheWholeListsTable()
    {
        using var streamed = new StringWriter();
        var first = true;
        JobListReader.ForEach(Body(Rows), job =>
        {
            QstatFormatter.Write(streamed, job, first);
            first = false;
        });

        Assert.Equal(QstatFormatter.Format(Rows), streamed.ToString());
        Assert.StartsWith("Job ID", streamed.ToString(), StringComparison.Ordinal);
        Assert.Equal(5, streamed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
