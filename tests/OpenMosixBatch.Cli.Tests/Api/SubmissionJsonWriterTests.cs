using System.Text;
using System.Text.Json;
using CsCheck;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Api;

/// <summary>qsub's request body (<see cref="SubmissionJsonWriter"/>) is what the API's serializer (<see cref="OmbJsonContext"/>) writes.</summary>
public sealed class SubmissionJsonWriterTests
{
    /// <summary>Every field of a submission set away from its default (<see cref="Full_SetsEveryPropertyTheSerializerWrites"/>).</summary>
    internal static readonly JobSpec Full = new()
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
            MoreChunks = [new ChunkKind(2, 1, 1L << 30) { Gpus = 1, MpiProcs = 1, OmpThreads = 1, Properties = ["a"], ExcludedProperties = ["b"], Host = "h4" }],
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
    public void Write_EveryField_TheSerializersBytes()
    {
        var request = new SubmitRequest(Full);

        var written = SubmissionJsonWriter.Write(request);

        Assert.Equal(Serialized(request), Encoding.UTF8.GetString(written));
        var read = JsonSerializer.Deserialize(written, OmbJsonContext.Default.SubmitRequest)!;
        Assert.Equal(written, JsonSerializer.SerializeToUtf8Bytes(read, OmbJsonContext.Default.SubmitRequest));
    }

    [Fact]
    public void Write_Defaults_TheSerializersBytes()
    {
        var request = new SubmitRequest(new JobSpec { Name = "n", WorkingDirectory = "/w", SubmitDirectory = "/w" });

        Assert.Equal(Serialized(request), Encoding.UTF8.GetString(SubmissionJsonWriter.Write(request)));
    }

    [Fact]
    public void Write_NullsWhereTheTypesAllowThem_TheSerializersBytes()
    {
        var request = new SubmitRequest(new JobSpec
        {
            Name = null!,
            Queue = null!,
            Command = null!,
            Arguments = ["a", null!],
            WorkingDirectory = "/w",
            SubmitDirectory = null!,
            Resources = null!,
            Dependencies = [null!],
            Environment = new Dictionary<string, string> { ["A"] = null! },
            Checkpoint = null!,
        });

        Assert.Equal(Serialized(request), Encoding.UTF8.GetString(SubmissionJsonWriter.Write(request)));
        Assert.Equal(Serialized(new SubmitRequest(null!)), Encoding.UTF8.GetString(SubmissionJsonWriter.Write(new SubmitRequest(null!))));
    }

    [Fact]
    public void Write_GeneratedRequests_TheSerializersBytes() =>
        SubmissionGenerators.Spec.Sample(spec =>
        {
            var request = new SubmitRequest(spec);
            Assert.Equal(Serialized(request), Encoding.UTF8.GetString(SubmissionJsonWriter.Write(request)));
        });

    /// <summary>
    /// A property added to a submission's types is written by the serializer and must be by the writer too: Full must
    /// set it (this test), and then the writer must write it (the byte comparisons).
    /// </summary>
    [Fact]
    public void Full_SetsEveryPropertyTheSerializerWrites()
    {
        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new SubmitRequest(Full), OmbJsonContext.Default.SubmitRequest));
        var spec = json.RootElement.GetProperty("spec");
        var resources = spec.GetProperty("resources");
        (Type Type, JsonElement Element)[] objects =
        [
            (typeof(SubmitRequest), json.RootElement),
            (typeof(JobSpec), spec),
            (typeof(ResourceRequest), resources),
            (typeof(ChunkKind), resources.GetProperty("moreChunks")[0]),
            (typeof(ArraySpec), spec.GetProperty("array")),
            (typeof(Dependency), spec.GetProperty("dependencies")[0]),
            (typeof(CheckpointPolicy), spec.GetProperty("checkpoint")),
        ];
        foreach (var (type, element) in objects)
        {
            var written = element.EnumerateObject().Select(p => p.Name).ToHashSet();
            var missing = OmbJsonContext.Default.GetTypeInfo(type)!.Properties.Where(p => p.Get is not null).Select(p => p.Name).Where(n => !written.Contains(n)).ToList();
            Assert.True(missing.Count == 0, $"{type.Name}'s {string.Join(", ", missing)}: set it in Full, and write it in SubmissionJsonWriter");
        }
    }

    private static string Serialized(SubmitRequest request) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, OmbJsonContext.Default.SubmitRequest));
}
