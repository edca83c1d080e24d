using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Integration.Tests.Harness;
using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>
/// Oversized requests against the real omb-server with its default limits (docs/admin-guide.md, Limits): refused with
/// one line naming the limit and its key, the job list unchanged, and the server's memory not growing by what was sent.
/// </summary>
public sealed class OversizedRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const long HundredMegabytes = 100L << 20;

    private Omb Omb => fixture.Omb;

    [Fact]
    public async Task HundredMegabyteScript_StreamedToTheApi_Gets413_WithoutTheServerHoldingIt()
    {
        var before = await ServerFixture.AllJobsAsync(Omb);
        var rssBefore = Kilobytes(fixture.Server.Pid, "VmRSS");

        using var http = RawSocketClient.Create(OmbHome.SocketPath(fixture.Home), TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/jobs") { Content = new StreamContent(new HugeSubmission(HundredMegabytes)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var peakGrowth = Kilobytes(fixture.Server.Pid, "VmHWM") - rssBefore;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonSerializer.Deserialize(body, OmbJsonContext.Default.ApiError)!;
        Assert.StartsWith("the request body is larger than the server's limit of 32 MiB: nothing was changed;", error.Message, StringComparison.Ordinal);
        Assert.Contains("Omb:Limits:MaxRequestBodySize in conf/omb.json", error.Message, StringComparison.Ordinal);
        Assert.True(peakGrowth < HundredMegabytes / 1024, $"the server's peak RSS grew by {peakGrowth} KiB for a 100 MiB body");
        Assert.Equal(Ids(before), Ids(await ServerFixture.AllJobsAsync(Omb)));
        Assert.False(fixture.Server.HasExited);
    }

    [Fact]
    public async Task HundredMegabyteScriptFile_IsRefusedByQsubBeforeReadingIt()
    {
        using var dir = new TempDirectory();
        var script = dir.File("huge.sh");
        await using (var file = File.Create(script))
        {
            file.SetLength(HundredMegabytes);
        }

        var before = await ServerFixture.AllJobsAsync(Omb);

        var r = await Omb.RunAsync("qsub", script);

        Assert.True(r.ExitCode == 2, r.ToString());
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is 100 MiB, more than any server accepts (64 MiB; the default limit is 4 MiB)", line, StringComparison.Ordinal);
        Assert.Equal(Ids(before), Ids(await ServerFixture.AllJobsAsync(Omb)));
    }

    [Fact]
    public async Task MillionElementArray_IsRefusedByQsub_AndByTheServerWhenSentDirectly()
    {
        var before = await ServerFixture.AllJobsAsync(Omb);

        var r = await Omb.RunAsync("qsub", "-J", "1-1000000", Repository.Jobs("hello.sh"));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("more than 100000 elements, more than any server accepts (the default limit is 10000)", Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

        using var client = new OmbApiClient(OmbHome.SocketPath(fixture.Home));
        var spec = new Core.Jobs.JobSpec
        {
            Name = "wide", Script = "echo hi", WorkingDirectory = "/tmp", SubmitDirectory = "/tmp",
            Array = new Core.Jobs.ArraySpec([.. Enumerable.Range(1, 1_000_000)]),
        };
        var e = await Assert.ThrowsAsync<ApiException>(() => client.SubmitAsync(new SubmitRequest(spec)));
        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.StartsWith("the array has 1000000 elements, more than the limit of 10000:", e.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Omb:Limits:MaxArrayElements in conf/omb.json", e.Error.Message, StringComparison.Ordinal);
        Assert.Equal(Ids(before), Ids(await ServerFixture.AllJobsAsync(Omb)));
    }

    private static IEnumerable<(string, char)> Ids(IReadOnlyList<JobSummary> jobs) => jobs.Select(j => (j.Id, j.State));

    private static long Kilobytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }


    /// <summary>A SubmitRequest whose script is <c>size</c> bytes of 'x', generated as it is read: the test never holds it either.</summary>
    private sealed class HugeSubmission(long size) : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("""{"spec":{"name":"huge","workingDirectory":"/tmp","submitDirectory":"/tmp","script":" """.TrimEnd());
        private static readonly byte[] Tail = Encoding.UTF8.GetBytes("\"}}");
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => Head.Length + size + Tail.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = 0;
            while (n < count && _position < Length)
            {
                buffer[offset + n] = _position < Head.Length ? Head[_position]
                    : _position < Head.Length + size ? (byte)'x'
                    : Tail[_position - Head.Length - size];
                n++;
                _position++;
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
