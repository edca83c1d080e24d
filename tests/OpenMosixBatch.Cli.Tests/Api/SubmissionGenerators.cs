using CsCheck;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Api;

/// <summary>Submissions of every shape, for comparing <c>SubmissionJsonWriter</c> with the serializer.</summary>
internal static class SubmissionGenerators
{
    /// <summary>Any text, with control characters, quotes and non-ASCII letters (what JSON escapes); sometimes null.</summary>
    private static readonly Gen<string?> Text = Gen.Frequency((3, Gen.String[0, 12]), (1, Gen.String[Gen.Char["\"\\\u0001\u001f<>&'+é€ \n\t"], 0, 6]))
        .Null(0.1);

    private static readonly Gen<string[]> Texts = Gen.String[0, 8].Array[0, 3];

    private static readonly Gen<TimeSpan?> Span = Gen.Long[TimeSpan.MinValue.Ticks, TimeSpan.MaxValue.Ticks].Select(TimeSpan.FromTicks).Nullable();

    /// <summary>An enum's members and, rarely, a value no member names.</summary>
    private static Gen<T> Enum<T>(int members)
        where T : struct, System.Enum =>
        Gen.Frequency((9, Gen.Int[0, members - 1]), (1, Gen.Int[members, 99])).Select(i => (T)(object)i);

    private static readonly Gen<ChunkKind> Chunk =
        Gen.Select(Gen.Int[0, 64], Gen.Int[0, 64], Gen.Long[0, 1L << 40], Gen.Int[0, 4], Gen.Int[0, 8].Nullable(), Texts, Text)
            .Select((count, cpus, mem, gpus, mpi, props, host) =>
                new ChunkKind(count, cpus, mem) { Gpus = gpus, MpiProcs = mpi, OmpThreads = mpi, Properties = props, ExcludedProperties = props, Host = host });

    private static readonly Gen<ResourceRequest> Resources =
        Gen.Select(
                Gen.Select(Gen.Int[0, 64], Gen.Int[0, 64], Gen.Long[0, long.MaxValue], Span, Gen.Bool, Gen.Int[0, 16].Nullable(), Gen.Int[0, 16].Nullable(), Span),
                Gen.Select(Gen.Long, Gen.Long, Gen.Int[0, 8], Texts, Texts, Chunk.Array[0, 2], Enum<PlacementArrangement>(4), Enum<PlacementSharing>(3)))
            .Select(((int Chunks, int Cpus, long Mem, TimeSpan? Wall, bool Migratable, int? Mpi, int? Omp, TimeSpan? Cpu) a,
                    (long Pmem, long Vmem, int Gpus, string[] Props, string[] Hosts, ChunkKind[] More, PlacementArrangement Arr, PlacementSharing Sharing) b) =>
                new ResourceRequest(a.Chunks, a.Cpus, a.Mem, a.Wall, a.Migratable)
                {
                    MpiProcsPerChunk = a.Mpi,
                    OmpThreadsPerChunk = a.Omp,
                    CpuTime = a.Cpu,
                    ProcessMemoryBytes = b.Pmem,
                    VirtualMemoryBytes = b.Vmem,
                    ProcessVirtualMemoryBytes = -b.Pmem,
                    FileBytes = b.Vmem / 3,
                    GpusPerChunk = b.Gpus,
                    Properties = b.Props,
                    ExcludedProperties = b.Hosts,
                    Hosts = b.Hosts,
                    MoreChunks = b.More,
                    Arrangement = b.Arr,
                    Sharing = b.Sharing,
                    Ignored = b.Props,
                });

    private static readonly Gen<ArraySpec?> Array = Gen.Select(Gen.Int.Array[0, 5], Gen.Int[1, 9].Nullable())
        .Select((indices, max) => new ArraySpec(indices, max)).Null(0.5);

    private static readonly Gen<Dependency[]> Dependencies =
        Gen.Select(Enum<DependencyType>(3), Gen.Long).Select((type, id) => new Dependency(type, id)).Array[0, 3];

    private static readonly Gen<CheckpointPolicy> Checkpoint = Gen.Select(Enum<CheckpointMode>(3), Span, Gen.Int[1, 64], Gen.Int[0, 255])
        .Select((mode, interval, signal, exit) => new CheckpointPolicy(mode, interval, signal, exit));

    private static readonly Gen<Dictionary<string, string>> Environment =
        Gen.Dictionary(Gen.String[Gen.Char["ABZ_09é\"\n"], 1, 6], Gen.String[0, 10])[0, 4];

    public static readonly Gen<JobSpec> Spec =
        Gen.Select(
                Gen.Select(Text, Text, Gen.Int[-1024, 1023], Text, Texts, Texts, Text, Text),
                Gen.Select(Resources, Text, Text, Enum<JoinMode>(3), Array, Dependencies, Gen.Bool, Gen.Bool),
                Gen.Select(Environment, Checkpoint, Text, Text, Text, Texts, Text, Gen.Int[0, 511].Nullable()))
            .Select(((string? Name, string? Queue, int Priority, string? Script, string[] Command, string[] Args, string? Work, string? Submit) a,
                    (ResourceRequest Resources, string? Out, string? Err, JoinMode Join, ArraySpec? Array, Dependency[] Deps, bool Held, bool Rerun) b,
                    (Dictionary<string, string> Env, CheckpointPolicy Ckpt, string? Account, string? Project, string? Mail, string[] Users, string? Shell, int? Umask) c) =>
                new JobSpec
                {
                    Name = a.Name!,
                    Queue = a.Queue!,
                    Priority = a.Priority,
                    Script = a.Script,
                    Command = a.Command,
                    Arguments = a.Args,
                    WorkingDirectory = a.Work!,
                    SubmitDirectory = a.Submit!,
                    Resources = b.Resources,
                    OutputPath = b.Out,
                    ErrorPath = b.Err,
                    Join = b.Join,
                    Array = b.Array,
                    Dependencies = b.Deps,
                    Held = b.Held,
                    Rerunnable = b.Rerun,
                    Environment = c.Env,
                    Checkpoint = c.Ckpt,
                    Account = c.Account,
                    Project = c.Project,
                    MailEvents = c.Mail,
                    MailUsers = c.Users,
                    Shell = c.Shell,
                    GroupList = c.Account,
                    Umask = c.Umask,
                    IgnoredOptions = c.Users,
                    Interactive = b.Held && b.Rerun,
                });
}
