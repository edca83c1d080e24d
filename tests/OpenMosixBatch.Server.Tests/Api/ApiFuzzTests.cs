using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Tests.Hosting;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>
/// Hostile requests are harmless: every endpoint of src/OpenMosixBatch.Server/Api, on the real host and socket, given
/// malformed or random JSON, wrong types, huge numbers, unknown ids and bad paths, answers below 500, refuses with a
/// 4xx whose body is an ApiError of one line, and leaves the job list exactly as it was.
/// </summary>
public sealed class ApiFuzzTests() : RunningServerTests("omb-fuzz-")
{
    /// <summary>Every endpoint the server maps, with {placeholders} for path parameters; a test checks none is missing.</summary>
    public static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/v1/jobs"), ("POST", "/v1/jobs/batch"), ("GET", "/v1/jobs"), ("GET", "/v1/jobs/{id}"), ("POST", "/v1/jobs/actions"), ("POST", "/v1/jobs/migrate"),
        ("POST", "/v1/jobs/select"), ("POST", "/v1/jobs/signal"), ("POST", "/v1/jobs/alter"), ("GET", "/v1/accounting/report"), ("GET", "/v1/jobs/{id}/events"),
        ("GET", "/v1/nodes"), ("POST", "/v1/nodes/actions"), ("POST", "/v1/nodes/membership"),
        ("GET", "/v1/estimates"), ("GET", "/v1/queues"), ("GET", "/v1/server"), ("GET", "/v1/top"),
        ("POST", "/v1/world/attach"), ("GET", "/v1/world/orders"), ("POST", "/v1/world/report"),
        ("PUT", "/v1/world/checkpoints/{jobId:long}/{taskIndex:int}"), ("GET", "/v1/world/checkpoints/{jobId:long}/{taskIndex:int}/{generation:int}"),
        ("POST", "/v1/schedules"), ("POST", "/v1/schedules/import"), ("GET", "/v1/schedules"), ("GET", "/v1/schedules/{name}"),
        ("DELETE", "/v1/schedules/{name}"), ("POST", "/v1/schedules/{name}/pause"), ("POST", "/v1/schedules/{name}/resume"),
        ("POST", "/v1/schedules/{name}/run"),
        ("GET", "/v1/tunables"), ("PUT", "/v1/tunables/overheads"), ("PUT", "/v1/tunables/mfscosts"),
        ("POST", "/v1/backup"), ("POST", "/v1/token"),
        ("POST", "/v1/parts"), ("GET", "/v1/parts/{id:long}"), ("POST", "/v1/parts/{id:long}/input"), ("POST", "/v1/jobs/{id:long}/terminal"),
    ];

    private const int MaxErrorLength = 1000;

    /// <summary>
    /// Path parameters: never an id the seeded jobs have (1-3), so no fuzzed request may legitimately change them. Kept
    /// within what Kestrel itself parses (no malformed %-escapes or NUL, request line under 8 KB): those it refuses with
    /// an empty 400 or 414 before any of the server's code runs.
    /// </summary>
    private static readonly Gen<string> Segment = Gen.OneOf(
        Gen.OneOfConst("999999", "0", "-1", "1000[]", "1000[3]", "42.host", "abc", "1[", "[]", "99999999999999999999", "9223372036854775807",
            "%0A", "..%2F..", "%2e%2e", "a%20b", "😀", "٣", "null", "true", "nightly", "H", "-", ".", "%25"),
        Gen.String[Gen.Char["abc019-_.[]"], 1, 30],
        Gen.Int[1, 800].Select(n => new string('9', n)));

    private static readonly string[] Keys =
    [
        "spec", "name", "ids", "action", "id", "target", "nodes", "comment", "worldId", "running", "reported", "events", "loads", "values",
        "expression", "timeZoneId", "submit", "schedules", "script", "command", "workingDirectory", "submitDirectory", "array",
        "indices", "maxConcurrent", "dependencies", "resources", "chunks", "cpusPerChunk", "memoryBytesPerChunk", "priority",
        "queue", "jobId", "taskIndex", "kind", "overlap", "misfire", "paused", "submitArguments", "environment", "type", "",
        "\u0000", "__proto__", "selection", "users", "states", "includeFinished", "operator", "value", "signal", "destination", "change", "resourceLists", "hold", "arrayLimit", "start", "end",
    ];

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOfConst("null", "true", "false", "0", "-1", "1e400", "-1e400", "99999999999999999999999999", "9223372036854775808",
            "2147483648", "1.5", "-0", "\"\"", "\"x\"", "\"Delete\"", "\"Hold\"", "\"Offline\"", "\"Clear\"", "\"node1\"", "\"/tmp\"",
            "\"999999\"", "\"@daily\"", "\"0 2 * * *\"", "\"Europe/Berlin\"", "\"\\u0000\"", "\"\\n\"", "NaN", "Infinity", "'x'", "0x10"),
        Gen.String.Select(s => JsonSerializer.Serialize(s)),
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, self) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (2, self.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (4, Gen.Select(Gen.OneOfConst(Keys), self).Array[0, 6]
                .Select(fields => "{" + string.Join(",", fields.Select(f => JsonSerializer.Serialize(f.Item1) + ":" + f.Item2)) + "}"))));

    /// <summary>JSON of any shape, broken JSON, deep nesting, and bytes that are not JSON at all.</summary>
    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (6, Json.Select(Encoding.UTF8.GetBytes)),
        (2, Json.Select(j => Encoding.UTF8.GetBytes(j)).Select(Gen.Int[0, 100], (b, cut) => b[..(b.Length * cut / 100)])),
        (1, Gen.Int[1, 5000].Select(n => Encoding.UTF8.GetBytes(new string('[', n)))),
        (1, Gen.Byte.Array[0, 2000]),
        (1, Gen.Const(Array.Empty<byte>())));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var spec = new JobSpec { Name = "seed", Script = "echo hi", WorkingDirectory = "/tmp", SubmitDirectory = "/tmp" };
        await Client.SubmitAsync(new SubmitRequest(spec));
        await Client.SubmitAsync(new SubmitRequest(spec with { Array = new ArraySpec([1, 2, 3]) }));
        await Client.SubmitAsync(new SubmitRequest(spec with { Held = true }));
    }

    private protected override void Configure(ServerConfiguration config)
    {
        config.Options.Limits.MaxScriptSize = "4kb";
        config.Options.Limits.MaxRequestBodySize = "64kb";
    }

    [Fact]
    public void Endpoints_ListsEveryRouteTheServerMaps()
    {
        var mapped = Server.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Where(r => !r.Contains("{**", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Endpoints.Select(e => $"{e.Method} {e.Path}").Order(StringComparer.Ordinal), mapped);
    }

    [Fact]
    public async Task AnyRequest_ToAnyEndpoint_IsAnsweredBelow500WithOneLineRefusals_AndTheJobListStays()
    {
        var before = await JobListAsync();

        Gen.Select(Gen.Int[0, Endpoints.Length - 1], Segment, Body, Gen.Bool).Sample((index, segment, body, query) =>
        {
            var (method, path) = Endpoints[index];
            var target = Fill(path, segment) + (query ? "?finished=" + segment + "&tasks=" + segment + "&user=" + segment + "&world=" + segment : "");
            AssertAnswered(SendAsync(method, target, body).GetAwaiter().GetResult(), $"{method} {target}");
        }, iter: 1500);

        Assert.Equal(before, await JobListAsync());
    }

    [Fact]
    public async Task AnyPathOrMethod_OutsideTheApi_IsA4xxWithOneLine()
    {
        var before = await JobListAsync();

        Gen.Select(Gen.OneOfConst("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"), Gen.OneOfConst("/", "/v1", "/v2/jobs", "/v1/jobs/1/x", "/v1/nodes", "/v1/tunables/x", "/x.txt", "/v1/world/checkpoints/a/b", "/v1/jobs/%0A%0D"), Body)
            .Sample((method, path, body) => AssertAnswered(SendAsync(method, path, body).GetAwaiter().GetResult(), $"{method} {path}"), iter: 300);

        Assert.Equal(before, await JobListAsync());
    }

    [Theory]
    [InlineData("GET", "/v1/jobs/999999", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/v1/jobs/not-an-id", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/v1/jobs/migrate", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/v1/world/checkpoints/999999/0/1", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/v1/schedules/no-such-schedule", HttpStatusCode.Forbidden)]
    [InlineData("DELETE", "/v1/schedules/no-such-schedule", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/v1/schedules/no-such-schedule/run", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/v1/jobs?finished=maybe", HttpStatusCode.BadRequest)]
    [InlineData("PATCH", "/v1/jobs", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/v1/nope", HttpStatusCode.NotFound)]
    public async Task UnknownIdsAndBadPaths_AreRefusedWithOneLine(string method, string path, HttpStatusCode status)
    {
        var before = await JobListAsync();

        var response = await SendAsync(method, path, Encoding.UTF8.GetBytes("""{"id":"999999","target":"node1"}"""));

        Assert.Equal(status, response.Status);
        AssertAnswered(response, $"{method} {path}");
        Assert.Equal(before, await JobListAsync());
    }

    [Fact]
    public async Task Actions_OnUnknownIds_RefuseEachIdOnOneLine_AndChangeNothing()
    {
        var before = await JobListAsync();

        var response = await SendAsync("POST", "/v1/jobs/actions", Encoding.UTF8.GetBytes("""{"action":"Delete","ids":["999999","abc","1000[2]","42.host\n"]}"""));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = JsonSerializer.Deserialize(response.Body, OmbJsonContext.Default.JobActionResponse)!.Results;
        Assert.All(results, r => AssertOneLine(r.Error, "action result"));
        Assert.All(results, r => Assert.False(r.Ok));
        Assert.Equal(before, await JobListAsync());
    }

    public static TheoryData<string> CorpusFiles() => ApiCorpus.Files("api");

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task CorpusRequest_IsAnsweredBelow500WithOneLineRefusals_AndTheJobListStays(string file)
    {
        var text = ApiCorpus.Read("api", file);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var requestLine = (newline < 0 ? text : text[..newline]).Split(' ', 2);
        var before = await JobListAsync();

        var response = await SendAsync(requestLine[0], requestLine[1], Encoding.UTF8.GetBytes(newline < 0 ? "" : text[(newline + 1)..]));

        AssertAnswered(response, file);
        Assert.Equal(before, await JobListAsync());
    }

    private static string Fill(string template, string segment)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] == '{')
            {
                sb.Append(segment);
                i = template.IndexOf('}', i) + 1;
                continue;
            }

            sb.Append(template[i++]);
        }

        return sb.ToString();
    }

    private static void AssertAnswered((HttpStatusCode Status, byte[] Body) response, string request)
    {
        var status = (int)response.Status;
        Assert.True(status < 500, $"{request}: HTTP {status} {Encoding.UTF8.GetString(response.Body)}");
        if (status < 400)
        {
            return;
        }

        ApiError? error = null;
        try
        {
            error = JsonSerializer.Deserialize(response.Body, OmbJsonContext.Default.ApiError);
        }
        catch (JsonException)
        {
        }

        Assert.True(error is not null, $"{request}: HTTP {status} without an ApiError body: '{Encoding.UTF8.GetString(response.Body)}'");
        AssertOneLine(error!.Message, request);
    }

    private static void AssertOneLine(string? message, string request)
    {
        Assert.False(string.IsNullOrWhiteSpace(message), $"{request}: empty error");
        Assert.True(message!.Length <= MaxErrorLength, $"{request}: error of {message.Length} characters");
        Assert.False(message.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'), $"{request}: error spans lines: {message}");
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(string method, string target, byte[] body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), target.TrimStart('/'));
        if (method is not "GET" and not "DELETE" || body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }

        using var response = await Raw.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> JobListAsync() =>
        JsonSerializer.Serialize(await Client.ListJobsAsync(null, includeFinished: true, expandTasks: true), OmbJsonContext.Default.JobListResponse);
}
