using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// A <see cref="SubmitRequest"/> as JSON, written field by field: the same bytes <see cref="OmbJsonContext"/>'s serializer
/// writes (camelCase, nulls left out, enums by name, computed properties too), which is what the server reads.
/// </summary>
/// <remarks>
/// qsub's small image starts once per job, and the serializer's first use (its type metadata configured at run time,
/// the polymorphism attributes read by reflection) cost a third of that process's CPU. <c>SubmissionJsonWriterTests</c>
/// compare these bytes with the serializer's over generated requests, and check that every property the serializer
/// knows is one written here.
/// </remarks>
public static class SubmissionJsonWriter
{
    /// <summary>The request's UTF-8 JSON.</summary>
    public static byte[] Write(SubmitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(2048 + (request.Spec?.Script?.Length ?? 0));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (request.Spec is { } spec)
            {
                w.WritePropertyName("spec");
                Spec(w, spec);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Spec(Utf8JsonWriter w, JobSpec s)
    {
        w.WriteStartObject();
        OptionalString(w, "name", s.Name);
        OptionalString(w, "queue", s.Queue);
        w.WriteNumber("priority", s.Priority);
        OptionalString(w, "script", s.Script);
        Strings(w, "command", s.Command);
        Strings(w, "arguments", s.Arguments);
        OptionalString(w, "workingDirectory", s.WorkingDirectory);
        OptionalString(w, "submitDirectory", s.SubmitDirectory);
        if (s.Resources is { } resources)
        {
            w.WritePropertyName("resources");
            Resources(w, resources);
        }

        OptionalString(w, "outputPath", s.OutputPath);
        OptionalString(w, "errorPath", s.ErrorPath);
        w.WriteString("join", JoinName(s.Join));
        if (s.Array is { } array)
        {
            w.WritePropertyName("array");
            Array(w, array);
        }

        if (s.Dependencies is { } dependencies)
        {
            w.WriteStartArray("dependencies");
            foreach (var d in dependencies)
            {
                Dependency(w, d);
            }

            w.WriteEndArray();
        }

        w.WriteBoolean("held", s.Held);
        w.WriteBoolean("rerunnable", s.Rerunnable);
        if (s.Environment is { } environment)
        {
            w.WriteStartObject("environment");
            foreach (var (name, value) in environment)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        }

        if (s.Checkpoint is { } checkpoint)
        {
            w.WritePropertyName("checkpoint");
            Checkpoint(w, checkpoint);
        }

        OptionalString(w, "account", s.Account);
        OptionalString(w, "project", s.Project);
        OptionalString(w, "mailEvents", s.MailEvents);
        Strings(w, "mailUsers", s.MailUsers);
        OptionalString(w, "shell", s.Shell);
        OptionalString(w, "groupList", s.GroupList);
        if (s.Umask is { } umask)
        {
            w.WriteNumber("umask", umask);
        }

        Strings(w, "ignoredOptions", s.IgnoredOptions);
        w.WriteBoolean("interactive", s.Interactive);
        w.WriteBoolean("isArray", s.IsArray);
        w.WriteNumber("taskCount", s.TaskCount);
        w.WriteEndObject();
    }

    private static void Resources(Utf8JsonWriter w, ResourceRequest r)
    {
        w.WriteStartObject();
        w.WriteNumber("chunks", r.Chunks);
        w.WriteNumber("cpusPerChunk", r.CpusPerChunk);
        w.WriteNumber("memoryBytesPerChunk", r.MemoryBytesPerChunk);
        OptionalTimeSpan(w, "walltime", r.Walltime);
        w.WriteBoolean("migratable", r.Migratable);
        OptionalNumber(w, "mpiProcsPerChunk", r.MpiProcsPerChunk);
        OptionalNumber(w, "ompThreadsPerChunk", r.OmpThreadsPerChunk);
        OptionalTimeSpan(w, "cpuTime", r.CpuTime);
        w.WriteNumber("processMemoryBytes", r.ProcessMemoryBytes);
        w.WriteNumber("virtualMemoryBytes", r.VirtualMemoryBytes);
        w.WriteNumber("processVirtualMemoryBytes", r.ProcessVirtualMemoryBytes);
        w.WriteNumber("fileBytes", r.FileBytes);
        w.WriteNumber("gpusPerChunk", r.GpusPerChunk);
        Strings(w, "properties", r.Properties);
        Strings(w, "excludedProperties", r.ExcludedProperties);
        Strings(w, "hosts", r.Hosts);
        w.WriteStartArray("moreChunks");
        foreach (var k in r.MoreChunks)
        {
            Chunk(w, k);
        }

        w.WriteEndArray();
        w.WriteBoolean("mixed", r.Mixed);
        w.WriteNumber("totalChunks", r.TotalChunks);
        StringEnum(w, "arrangement", r.Arrangement, ArrangementName(r.Arrangement));
        StringEnum(w, "sharing", r.Sharing, SharingName(r.Sharing));
        w.WriteBoolean("exclusive", r.Exclusive);
        w.WriteBoolean("movable", r.Movable);
        Strings(w, "ignored", r.Ignored);
        w.WriteNumber("ranksPerChunk", r.RanksPerChunk);
        w.WriteNumber("threadsPerRank", r.ThreadsPerRank);
        w.WriteNumber("totalCpus", r.TotalCpus);
        w.WriteNumber("totalGpus", r.TotalGpus);
        w.WriteNumber("totalMemoryBytes", r.TotalMemoryBytes);
        w.WriteEndObject();
    }

    private static void Chunk(Utf8JsonWriter w, ChunkKind? k)
    {
        if (k is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("count", k.Count);
        w.WriteNumber("cpus", k.Cpus);
        w.WriteNumber("memoryBytes", k.MemoryBytes);
        w.WriteNumber("gpus", k.Gpus);
        OptionalNumber(w, "mpiProcs", k.MpiProcs);
        OptionalNumber(w, "ompThreads", k.OmpThreads);
        Strings(w, "properties", k.Properties);
        Strings(w, "excludedProperties", k.ExcludedProperties);
        OptionalString(w, "host", k.Host);
        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, ArraySpec a)
    {
        w.WriteStartObject();
        if (a.Indices is { } indices)
        {
            w.WriteStartArray("indices");
            foreach (var i in indices)
            {
                w.WriteNumberValue(i);
            }

            w.WriteEndArray();
        }

        OptionalNumber(w, "maxConcurrent", a.MaxConcurrent);
        w.WriteNumber("count", a.Count);
        w.WriteEndObject();
    }

    private static void Dependency(Utf8JsonWriter w, Dependency? d)
    {
        if (d is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", d.Type switch
        {
            DependencyType.AfterOk => nameof(DependencyType.AfterOk),
            DependencyType.AfterAny => nameof(DependencyType.AfterAny),
            DependencyType.AfterNotOk => nameof(DependencyType.AfterNotOk),
            _ => d.Type.ToString(),
        });
        w.WriteNumber("jobId", d.JobId);
        w.WriteEndObject();
    }

    private static void Checkpoint(Utf8JsonWriter w, CheckpointPolicy c)
    {
        w.WriteStartObject();
        w.WriteString("mode", c.Mode switch
        {
            CheckpointMode.None => nameof(CheckpointMode.None),
            CheckpointMode.Enabled => nameof(CheckpointMode.Enabled),
            CheckpointMode.Periodic => nameof(CheckpointMode.Periodic),
            _ => c.Mode.ToString(),
        });
        OptionalTimeSpan(w, "interval", c.Interval);
        w.WriteNumber("signal", c.Signal);
        w.WriteNumber("exitCode", c.ExitCode);
        w.WriteBoolean("enabled", c.Enabled);
        w.WriteEndObject();
    }

    /// <summary>DefinedEnumConverter's writing: the name, or for an undefined value its number as text.</summary>
    private static string JoinName(JoinMode mode) => mode switch
    {
        JoinMode.None => nameof(JoinMode.None),
        JoinMode.OutputAndError => nameof(JoinMode.OutputAndError),
        JoinMode.ErrorAndOutput => nameof(JoinMode.ErrorAndOutput),
        _ => mode.ToString(),
    };

    private static string? ArrangementName(PlacementArrangement a) => a switch
    {
        PlacementArrangement.Free => nameof(PlacementArrangement.Free),
        PlacementArrangement.Pack => nameof(PlacementArrangement.Pack),
        PlacementArrangement.Scatter => nameof(PlacementArrangement.Scatter),
        PlacementArrangement.VScatter => nameof(PlacementArrangement.VScatter),
        _ => null,
    };

    private static string? SharingName(PlacementSharing s) => s switch
    {
        PlacementSharing.Default => nameof(PlacementSharing.Default),
        PlacementSharing.Shared => nameof(PlacementSharing.Shared),
        PlacementSharing.Exclusive => nameof(PlacementSharing.Exclusive),
        _ => null,
    };

    /// <summary>JsonStringEnumConverter's writing: a member's name, or a value no member names as its number.</summary>
    private static void StringEnum<TEnum>(Utf8JsonWriter w, string property, TEnum value, string? knownName)
        where TEnum : struct, Enum
    {
        if (knownName is not null)
        {
            w.WriteString(property, knownName);
        }
        else if (Enum.IsDefined(value))
        {
            w.WriteString(property, value.ToString());
        }
        else
        {
            w.WriteNumber(property, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void Strings(Utf8JsonWriter w, string property, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(property);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void OptionalString(Utf8JsonWriter w, string property, string? value)
    {
        if (value is not null)
        {
            w.WriteString(property, value);
        }
    }

    private static void OptionalNumber(Utf8JsonWriter w, string property, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(property, v);
        }
    }

    /// <summary>System.Text.Json's TimeSpan format: the constant ("c") format, as its own converter writes it.</summary>
    private static void OptionalTimeSpan(Utf8JsonWriter w, string property, TimeSpan? value)
    {
        if (value is not { } v)
        {
            return;
        }

        Span<byte> text = stackalloc byte[32];
        _ = Utf8Formatter.TryFormat(v, text, out var written, 'c');
        w.WriteString(property, text[..written]);
    }
}
