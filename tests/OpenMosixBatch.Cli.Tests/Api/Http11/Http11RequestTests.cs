using System.Text;
using OpenMosixBatch.Api.Client.Http11;

namespace OpenMosixBatch.Cli.Tests.Api.Http11;

public sealed class Http11RequestTests
{
    [Fact]
    public void Format_PostWithBody_ContentLengthThenTheBody()
    {
        var text = Encoding.UTF8.GetString(Http11Request.Format("POST", "v1/jobs", "omb", null, "{\"spec\":{}}"u8));

        Assert.StartsWith("POST /v1/jobs HTTP/1.1\r\nHost: omb\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/json; charset=utf-8\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 11\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n{\"spec\":{}}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_KeepAlive_NoConnectionCloseAndTheSameRest()
    {
        var kept = Encoding.UTF8.GetString(Http11Request.Format("POST", "v1/jobs", "omb", null, "{\"spec\":{}}"u8, keepAlive: true));
        var closed = Encoding.UTF8.GetString(Http11Request.Format("POST", "v1/jobs", "omb", null, "{\"spec\":{}}"u8));

        Assert.DoesNotContain("Connection", kept, StringComparison.Ordinal);
        Assert.Equal(closed.Replace("Connection: close\r\n", "", StringComparison.Ordinal), kept);
    }

    [Fact]
    public void Format_GetWithoutBody_NoContentHeaders()
    {
        var text = Encoding.UTF8.GetString(Http11Request.Format("GET", "/v1/jobs?finished=false&tasks=false", "127.0.0.1:7070", null, []));

        Assert.StartsWith("GET /v1/jobs?finished=false&tasks=false HTTP/1.1\r\nHost: 127.0.0.1:7070\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_PostWithoutBody_ContentLengthZero()
    {
        var text = Encoding.UTF8.GetString(Http11Request.Format("POST", "v1/backup", "omb", null, []));

        Assert.Contains("\r\nContent-Length: 0\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WithToken_BearerAuthorization()
    {
        var text = Encoding.UTF8.GetString(Http11Request.Format("GET", "v1/nodes", "h:1", "abc.DEF-123", []));

        Assert.Contains("\r\nAuthorization: Bearer abc.DEF-123\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/jobs\r\nX-Evil: 1", "omb", null)]
    [InlineData("v1/jobs", "omb\r\nX-Evil: 1", null)]
    [InlineData("v1/jobs", "omb", "tok\nX-Evil: 1")]
    [InlineData("v1/jobs", "omb", "tök")]
    public void Format_LineBreakOrNonAsciiInAHeader_Refused(string path, string host, string? token) =>
        Assert.Throws<ArgumentException>(() => Http11Request.Format("GET", path, host, token, []));
}
