using System.Text;
using OpenMosixBatch.Api.Client.Http11;
using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Cli.Tests.Api.Http11;

public sealed class Http11ResponseReaderTests
{
    private const string ContentLengthAnswer =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 27\r\n\r\n{\"id\":7,\"displayId\":\"7.vm\"}";

    private const string ChunkedAnswer =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n" +
        "a\r\n{\"id\":7,\"d\r\n11;ext=1\r\nisplayId\":\"7.vm\"}\r\n0\r\nX-Trailer: t\r\n\r\n";

    [Theory]
    [InlineData(ContentLengthAnswer)]
    [InlineData(ChunkedAnswer)]
    public void Read_WholeAnswerAtOnce_StatusReasonAndBody(string answer)
    {
        var reply = Http11ResponseReader.Read(new MemoryStream(Bytes(answer)));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("OK", reply.ReasonPhrase);
        Assert.Equal("{\"id\":7,\"displayId\":\"7.vm\"}", Encoding.UTF8.GetString(reply.Body));
        Assert.True(reply.IsSuccess);
    }

    [Theory]
    [InlineData(ContentLengthAnswer, 1)]
    [InlineData(ContentLengthAnswer, 3)]
    [InlineData(ChunkedAnswer, 1)]
    [InlineData(ChunkedAnswer, 7)]
    public void Read_AnswerInSmallReads_SameBody(string answer, int readSize)
    {
        var reply = Http11ResponseReader.Read(new TrickleStream(Bytes(answer), readSize));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("{\"id\":7,\"displayId\":\"7.vm\"}", Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public void Read_BodyLargerThanTheBuffer_ReadWhole()
    {
        var payload = new string('x', 100_000);
        var reply = Http11ResponseReader.Read(new TrickleStream(Bytes($"HTTP/1.1 200 OK\r\nContent-Length: {payload.Length}\r\n\r\n{payload}"), 4093));

        Assert.Equal(payload, Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public void Read_NeitherLengthNorChunked_BodyRunsToTheEnd()
    {
        var reply = Http11ResponseReader.Read(new TrickleStream(Bytes("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n{\"kind\":\"BadInput\"}"), 5));

        Assert.Equal(400, reply.StatusCode);
        Assert.Equal("Bad Request", reply.ReasonPhrase);
        Assert.False(reply.IsSuccess);
        Assert.Equal("{\"kind\":\"BadInput\"}", Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public void Read_ContinueBeforeTheAnswer_SkipsIt()
    {
        var reply = Http11ResponseReader.Read(new MemoryStream(Bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}")));

        Assert.Equal(201, reply.StatusCode);
        Assert.Equal("{}", Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public void Read_NoContentAndNoReasonPhrase_EmptyBody()
    {
        var reply = Http11ResponseReader.Read(new MemoryStream(Bytes("HTTP/1.1 204\r\nServer: Kestrel\r\n\r\n")));

        Assert.Equal(204, reply.StatusCode);
        Assert.Equal(string.Empty, reply.ReasonPhrase);
        Assert.Empty(reply.Body);
    }

    [Fact]
    public void Read_BareLineFeeds_Accepted()
    {
        var reply = Http11ResponseReader.Read(new MemoryStream(Bytes("HTTP/1.1 200 OK\nContent-Length: 2\n\n{}")));

        Assert.Equal("{}", Encoding.UTF8.GetString(reply.Body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 O")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 27\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 27\r\n\r\n{\"id\":7")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n{\"id\":7")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n")]
    public void Read_ServerClosedMidAnswer_ThrowsHttpRequestException(string truncated)
    {
        var e = Assert.Throws<HttpRequestException>(() => Http11ResponseReader.Read(new TrickleStream(Bytes(truncated), 2)));

        Assert.Contains("closed the connection", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}xx\r\n0\r\n\r\n")]
    public void Read_Malformed_ThrowsHttpRequestException(string answer)
    {
        var e = Assert.Throws<HttpRequestException>(() => Http11ResponseReader.Read(new MemoryStream(Bytes(answer))));

        Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EndlessHeaders_RefusedPastTheLimit()
    {
        var headers = new StringBuilder("HTTP/1.1 200 OK\r\n");
        while (headers.Length <= Http11ResponseReader.MaxHeaderBytes)
        {
            headers.Append("X-Filler: ").Append('y', 100).Append("\r\n");
        }

        Assert.Throws<HttpRequestException>(() => Http11ResponseReader.Read(new MemoryStream(Bytes(headers.Append("\r\n").ToString()))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public void Next_AnswersOneAfterAnotherOnOneStream_EachWholeAndTheConnectionKept(int readSize)
    {
        var reader = new Http11ResponseReader(new TrickleStream(Bytes(ContentLengthAnswer + ChunkedAnswer + ContentLengthAnswer.Replace("\"7", "\"8", StringComparison.Ordinal).Replace(":7", ":8", StringComparison.Ordinal)), readSize));

        var first = reader.Next();
        var second = reader.Next();
        var third = reader.Next();

        Assert.Equal("{\"id\":7,\"displayId\":\"7.vm\"}", Encoding.UTF8.GetString(first.Body));
        Assert.Equal("{\"id\":7,\"displayId\":\"7.vm\"}", Encoding.UTF8.GetString(second.Body));
        Assert.Equal("{\"id\":8,\"displayId\":\"8.vm\"}", Encoding.UTF8.GetString(third.Body));
        Assert.False(reader.ConnectionEnds);
        Assert.Throws<HttpRequestException>(reader.Next);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 2\r\n\r\n{}")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}")]
    public void Next_AnswerThatEndsItsConnection_Said(string answer)
    {
        var reader = new Http11ResponseReader(new MemoryStream(Bytes(answer)));

        Assert.Equal("{}", Encoding.UTF8.GetString(reader.Next().Body));
        Assert.True(reader.ConnectionEnds);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
