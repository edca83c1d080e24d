using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Client.Http11;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Tests.Hosting;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>POST /v1/jobs on the wire: kept-open connections, the answer's framing, and the body read whole or as a stream.</summary>
public sealed class SubmitWireTests() : RunningServerTests("omb-wire-")
{
    [Fact]
    public async Task Submit_OnOneKeptConnection_EachAcknowledgedWithItsOwnIdAndStored()
    {
        using var client = OmbApiClient.OverKeptConnection(Server.SocketPath);

        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.SubmitAsync(Request("kept" + i.ToString(CultureInfo.InvariantCulture)))).Id);
        }

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(5, Store.StoredJobs);
    }

    [Fact]
    public void Submit_Answer_CarriesItsLengthRatherThanChunks()
    {
        var answer = Exchange(Http11Request.Format("POST", "v1/jobs", "omb", null, SubmissionJsonWriter.Write(Request("framed"))));

        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: ", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("chunked", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, SubmissionJsonReader.ReadResponse(Encoding.UTF8.GetBytes(answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]))!.Id);
    }

    [Fact]
    public void Submit_MalformedBodyOfKnownLength_IsBadInputAndNothingIsStored()
    {
        var answer = Exchange(Http11Request.Format("POST", "v1/jobs", "omb", null, "{\"spec\":{\"name\":"u8));

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("malformed submission", answer, StringComparison.Ordinal);
        Assert.Equal(0, Store.StoredJobs);
    }

    [Fact]
    public void Submit_ChunkedBody_IsReadAsAStream()
    {
        var json = SubmissionJsonWriter.Write(Request("chunked"));
        var half = json.Length / 2;
        var request = new MemoryStream();
        request.Write("POST /v1/jobs HTTP/1.1\r\nHost: omb\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"u8);
        foreach (var chunk in new[] { json[..half], json[half..] })
        {
            request.Write(Encoding.ASCII.GetBytes(chunk.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            request.Write(chunk);
            request.Write("\r\n"u8);
        }

        request.Write("0\r\n\r\n"u8);

        var answer = Exchange(request.ToArray());

        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Equal(1, Store.StoredJobs);
    }

    /// <summary>Sends <paramref name="request"/> (which asks for Connection: close) and reads the whole answer as text.</summary>
    private string Exchange(byte[] request)
    {
        using var stream = UnixSocketStream.Connect(Server.SocketPath, TimeSpan.FromSeconds(30));
        stream.Write(request);
        using var answer = new MemoryStream();
        stream.CopyTo(answer);
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    private static SubmitRequest Request(string name) =>
        new(new JobSpec { Name = name, Script = "echo hi", WorkingDirectory = "/tmp", SubmitDirectory = "/tmp" });
}
