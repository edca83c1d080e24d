using System.Net;
using System.Text;
using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Tests.Hosting;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>
/// Each limit of Omb:Limits, set small here, accepts a request at the limit and refuses one past it with one line
/// naming the limit and its key, leaving the job list as it was.
/// </summary>
public sealed class LimitsTests() : RunningServerTests("omb-limits-")
{
    private const int ScriptLimit = 1024;
    private const int BodyLimit = 16 * 1024;

    private protected override void Configure(ServerConfiguration config)
    {
        config.Options.Limits.MaxScriptSize = "1kb";
        config.Options.Limits.MaxRequestBodySize = "16kb";
        config.Options.Limits.MaxArrayElements = 5;
        config.Options.Limits.MaxDependencies = 2;
        config.Options.Limits.MaxDependencyDepth = 2;
    }

    [Fact]
    public async Task Script_AtTheLimit_IsAccepted_OneByteMore_IsRefusedNamingTheKey()
    {
        await Client.SubmitAsync(Request(Spec() with { Script = new string('x', ScriptLimit) }));

        await AssertRefusedAsync(Spec() with { Script = new string('x', ScriptLimit + 1) }, "the script is 1025 bytes, more than the limit of 1024 (1 KiB)", "Omb:Limits:MaxScriptSize");
    }

    [Fact]
    public async Task Array_AtTheLimit_IsAccepted_OneElementMore_IsRefusedNamingTheKey()
    {
        await Client.SubmitAsync(Request(Spec() with { Array = new ArraySpec([1, 2, 3, 4, 5]) }));

        await AssertRefusedAsync(Spec() with { Array = new ArraySpec([1, 2, 3, 4, 5, 6]) }, "the array has 6 elements, more than the limit of 5", "Omb:Limits:MaxArrayElements");
    }

    [Fact]
    public async Task MillionElementArray_IsRefusedNamingTheKey() =>
        await AssertRefusedAsync(Spec() with { Array = new ArraySpec([.. Enumerable.Range(1, 1_000_000)]) }, "the request body is larger than", "Omb:Limits:MaxRequestBodySize");

    [Fact]
    public async Task Dependencies_AtTheLimit_AreAccepted_OneMore_IsRefusedNamingTheKey()
    {
        var a = await Client.SubmitAsync(Request(Spec()));
        var b = await Client.SubmitAsync(Request(Spec()));
        var c = await Client.SubmitAsync(Request(Spec()));
        await Client.SubmitAsync(Request(Spec() with { Dependencies = [After(a.Id), After(b.Id)] }));

        await AssertRefusedAsync(Spec() with { Dependencies = [After(a.Id), After(b.Id), After(c.Id)] }, "the job names 3 dependencies, more than the limit of 2", "Omb:Limits:MaxDependencies");
    }

    [Fact]
    public async Task DependencyChain_AtTheDepthLimit_IsAccepted_OneDeeper_IsRefusedNamingTheKey()
    {
        var head = await Client.SubmitAsync(Request(Spec()));
        var second = await Client.SubmitAsync(Request(Spec() with { Dependencies = [After(head.Id)] }));
        var third = await Client.SubmitAsync(Request(Spec() with { Dependencies = [After(second.Id)] }));

        await AssertRefusedAsync(Spec() with { Dependencies = [After(third.Id)] }, "dependency chain more than 2 jobs deep", "Omb:Limits:MaxDependencyDepth");
    }

    [Fact]
    public async Task Body_OfExactlyTheLimit_IsAccepted_OneByteMore_Gets413NamingTheKey()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Request(Spec()), OmbJsonContext.Default.SubmitRequest);
        var atLimit = json.Concat(Enumerable.Repeat((byte)' ', BodyLimit - json.Length)).ToArray();

        var accepted = await PostAsync(atLimit, chunked: false);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        var before = await JobListAsync();

        foreach (var chunked in new[] { false, true })
        {
            var refused = await PostAsync([.. atLimit, (byte)' '], chunked);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
            var error = JsonSerializer.Deserialize(refused.Body, OmbJsonContext.Default.ApiError)!;
            Assert.Equal(ApiErrorKind.BadInput, error.Kind);
            Assert.StartsWith("the request body is larger than the server's limit of 16 KiB: nothing was changed;", error.Message, StringComparison.Ordinal);
            Assert.Contains("Omb:Limits:MaxRequestBodySize in conf/omb.json", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await JobListAsync());
        }
    }

    private async Task AssertRefusedAsync(JobSpec spec, string problem, string key)
    {
        var before = await JobListAsync();

        var e = await Assert.ThrowsAsync<ApiException>(() => Client.SubmitAsync(Request(spec)));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains(problem, e.Error.Message, StringComparison.Ordinal);
        Assert.Contains(key + " in conf/omb.json", e.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Error.Message);
        Assert.Equal(before, await JobListAsync());
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(byte[] body, bool chunked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/jobs")
        {
            Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await Raw.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> JobListAsync() =>
        JsonSerializer.Serialize(await Client.ListJobsAsync(null, includeFinished: true, expandTasks: true), OmbJsonContext.Default.JobListResponse);

    private static Dependency After(long id) => new(DependencyType.AfterOk, id);

    private static SubmitRequest Request(JobSpec spec) => new(spec);

    private static JobSpec Spec() => new() { Name = "limit", Script = "echo hi", WorkingDirectory = "/tmp", SubmitDirectory = "/tmp" };
}
