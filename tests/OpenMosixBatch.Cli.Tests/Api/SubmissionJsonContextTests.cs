using System.Text;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Api;

/// <summary>qsub's JSON (<see cref="SubmissionJsonContext"/>) writes and reads what the API's own context (<see cref="OmbJsonContext"/>) does.</summary>
public sealed class SubmissionJsonContextTests
{
    /// <summary>Every field of a submission set away from its default.</summary>
    private static readonly JobSpec Full = new()
    {
        Name = "every-field",
        Queue = "long",
        Priority = -7,
        Script = "#!/bin/sh\n#PBS -N x\necho \"é\" \u0001\n",
        Command = ["/bin/echo", "a b"],
        Arguments = ["one", "two"],
        WorkingDirectory = "/home/alice/work",
        SubmitDirectory = "/home/alice",
        Resources = new ResourceRequest(3, 4, 5L << 30, TimeSpan.FromMinutes(90), Migratable: false)
        {
            MpiProcsPerChunk = 2,
            OmpThreadsPerChunk = 2,
            CpuTime = TimeSpan.FromSeconds(30),
            ProcessMemoryBytes = 1,
            VirtualMemoryBytes = 2,
            ProcessVirtualMemoryBytes = 3,
            FileBytes = 4,
            GpusPerChunk = 1,
            Properties = ["ib"],
            ExcludedProperties = ["bigmem"],
            Hosts = ["h1", "h2", "h3"],
            Arrangement = PlacementArrangement.Scatter,
            Sharing = PlacementSharing.Exclusive,
            Ignored = ["software=x"],
        },
        OutputPath = "/tmp/out/",
        ErrorPath = "/tmp/err",
        Join = JoinMode.ErrorAndOutput,
        Array = new ArraySpec([1, 3, 5], 2),
        Dependencies = [new Dependency(DependencyType.AfterOk, 41), new Dependency(DependencyType.AfterAny, 42)],
        Held = true,
        Rerunnable = false,
        Environment = new Dictionary<string, string> { ["A"] = "1", ["PBS_O_HOST"] = "h" },
        Checkpoint = new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5), 12, 90),
        Account = "acct",
        Project = "proj",
        MailEvents = "abe",
        MailUsers = ["a@example.org"],
        Shell = "/bin/bash",
        GroupList = "users",
        Umask = 18,
        IgnoredOptions = ["-k oe"],
        Interactive = true,
    };

    [Fact]
    public void SubmitRequest_EveryField_SameBytesAsTheApiContext()
    {
        var request = new SubmitRequest(Full);

        var submission = JsonSerializer.SerializeToUtf8Bytes(request, SubmissionJsonContext.Default.SubmitRequest);

        Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, OmbJsonContext.Default.SubmitRequest)), Encoding.UTF8.GetString(submission));
        var read = JsonSerializer.Deserialize(submission, OmbJsonContext.Default.SubmitRequest)!;
        Assert.Equal(submission, JsonSerializer.SerializeToUtf8Bytes(read, OmbJsonContext.Default.SubmitRequest));
    }

    [Fact]
    public void SubmitRequest_Defaults_SameBytesAsTheApiContext()
    {
        var request = new SubmitRequest(new JobSpec { Name = "n", WorkingDirectory = "/w", SubmitDirectory = "/w" });

        Assert.Equal(
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, OmbJsonContext.Default.SubmitRequest)),
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, SubmissionJsonContext.Default.SubmitRequest)));
    }

    [Theory]
    [InlineData("{\"id\":42,\"displayId\":\"42.vm\"}")]
    [InlineData("{\"displayId\":\"7[].vm\",\"id\":7,\"extra\":true}")]
    public void SubmitResponse_ReadsAsTheApiContextReads(string json) =>
        Assert.Equal(JsonSerializer.Deserialize(json, OmbJsonContext.Default.SubmitResponse), JsonSerializer.Deserialize(json, SubmissionJsonContext.Default.SubmitResponse));

    [Theory]
    [InlineData("{\"kind\":\"BadInput\",\"message\":\"no\"}")]
    [InlineData("{\"kind\":\"Refused\",\"message\":\"not yours\"}")]
    [InlineData("{\"kind\":\"Unavailable\",\"message\":\"later\"}")]
    public void ApiError_ReadsAsTheApiContextReads(string json) =>
        Assert.Equal(JsonSerializer.Deserialize(json, OmbJsonContext.Default.ApiError), JsonSerializer.Deserialize(json, SubmissionJsonContext.Default.ApiError));

    [Theory]
    [InlineData("{\"kind\":7,\"message\":\"a number\"}")]
    [InlineData("{\"kind\":\"NoSuchKind\",\"message\":\"x\"}")]
    public void ApiError_RefusesWhatTheApiContextRefuses(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OmbJsonContext.Default.ApiError));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, SubmissionJsonContext.Default.ApiError));
    }
}
