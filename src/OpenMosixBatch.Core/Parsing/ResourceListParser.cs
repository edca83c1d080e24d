using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Applies <c>-l</c> resource lists in both PBS styles (<c>nodes=1:ppn=2,mem=2gb,walltime=01:30:00</c> and
/// <c>select=1:ncpus=2:mpiprocs=2:mem=2gb</c>), later lists overriding earlier ones, onto a baseline request.
/// </summary>
/// <remarks>
/// In the Torque style <c>mem</c> is the whole job's memory and is divided evenly over its chunks (rounded up);
/// inside <c>select</c> it is per chunk, as PBS Pro defines it. <c>pmem</c> is per process, as Torque defines it: a
/// chunk runs <c>ppn</c> processes, so it needs <c>pmem</c> × <c>ppn</c> (<c>nodes=2:ppn=12,pmem=1800mb</c> is
/// 21.6 GB a chunk, 43.2 GB in all). When both are given, <c>mem</c>, the job's own limit, is what it may use.
/// Torque's <c>procs=N</c> (N processors anywhere) is N chunks of one CPU unless <c>nodes</c> or <c>select</c> shapes
/// the job. <c>vmem</c>, <c>pvmem</c> and <c>file</c> are recorded; <c>cput</c> is a CPU-time limit. <c>ngpus</c> (or
/// <c>gpus</c>) outside a chunk is per chunk, as inside one. With chunks of several shapes, <c>mem</c> is divided over
/// all of them and <c>pmem</c> is times each kind's ppn.
/// </remarks>
public static class ResourceListParser
{
    private const string Known = "nodes, ppn, select, ncpus, mpiprocs, ompthreads, ngpus, gpus, mem, pmem, vmem, pvmem, procs, cput, file, walltime, place, naccesspolicy, migratable";

    private static readonly HashSet<string> KnownNames = [.. Known.Split(", ")];

    /// <summary>Resources that set one value per chunk: outside a select they can only mean a request of one shape.</summary>
    private static readonly HashSet<string> PerChunkNames = ["ppn", "ncpus", "mpiprocs", "ompthreads", "ngpus", "gpus"];

    /// <summary>Job-wide amounts that would be spread evenly over chunks of different shapes a request already has.</summary>
    private static readonly HashSet<string> WholeJobNames = ["mem", "procs"];

    /// <param name="baseline">The request the lists change.</param>
    /// <param name="lists">The -l lists in order.</param>
    /// <param name="keepUnknown">
    /// True to keep a resource this parser does not know in <see cref="ResourceRequest.Ignored"/> (the server then
    /// refuses it unless the site accepts it); false to refuse it here.
    /// </param>
    public static ParseResult<ResourceRequest> Apply(ResourceRequest baseline, IReadOnlyList<string> lists, bool keepUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(lists);
        var r = baseline;
        long? jobMemory = null;
        long? processMemory = null;
        int? procs = null;
        var shaped = false;
        var ignored = new List<string>(baseline.Ignored);
        foreach (var list in lists)
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                return Fail("empty -l list: give resources such as -l select=1:ncpus=2:mem=2gb");
            }

            foreach (var item in SplitTopLevel(list))
            {
                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0 && keepUnknown && NameRules.IsResourceName(item) && !KnownNames.Contains(item.ToLowerInvariant()))
                {
                    // A site's boolean resource given bare, as NCI's "-l wd": kept for the site to accept.
                    ignored.Remove(item);
                    ignored.Add(item);
                    continue;
                }

                if (eq <= 0)
                {
                    return Fail($"invalid -l '{InputText.Quote(item)}': expected NAME=VALUE, e.g. -l walltime=01:00:00");
                }

                var key = item[..eq].Trim().ToLowerInvariant();
                var value = item[(eq + 1)..].Trim();
                if (PerChunkNames.Contains(key) && r.Mixed || WholeJobNames.Contains(key) && baseline.Mixed && !shaped)
                {
                    return OneKindOfMany(r, item);
                }

                ParseResult<ResourceRequest> step;
                switch (key)
                {
                    case "nodes":
                        step = NodesParser.Apply(r, value, item);
                        shaped |= step.Ok;
                        break;
                    case "select":
                        step = SelectParser.Apply(r, value, item, keepUnknown ? ignored : null);
                        if (step.Ok)
                        {
                            shaped = true;
                            jobMemory = null;
                            processMemory = null;
                        }

                        break;
                    case "ppn":
                    case "ncpus":
                        step = WithCount(r, value, item, "CPUs", (q, n) => q with { CpusPerChunk = n });
                        break;
                    case "mpiprocs":
                        step = WithCount(r, value, item, "MPI ranks", (q, n) => q with { MpiProcsPerChunk = n });
                        break;
                    case "ompthreads":
                        step = WithCount(r, value, item, "threads", (q, n) => q with { OmpThreadsPerChunk = n });
                        break;
                    case "ngpus":
                    case "gpus":
                        step = WithCount(r, value, item, "GPUs", (q, n) => q with { GpusPerChunk = n });
                        break;
                    case "place":
                        step = PlaceParser.Apply(r, value, item);
                        break;
                    case "naccesspolicy":
                        // Torque/Moab's node access policy: singlejob is PBS Pro's excl, shared its shared.
                        step = value.ToLowerInvariant() switch
                        {
                            "singlejob" => ParseResult<ResourceRequest>.Success(r with { Sharing = PlacementSharing.Exclusive }),
                            "shared" => ParseResult<ResourceRequest>.Success(r with { Sharing = PlacementSharing.Shared }),
                            _ => Fail($"invalid -l {InputText.Quote(item)}: naccesspolicy takes singlejob (no other job on the job's nodes) or shared, e.g. naccesspolicy=singlejob"),
                        };
                        break;
                    case "procs":
                        var p = Count(value, item, "processors");
                        step = p.Ok ? ParseResult<ResourceRequest>.Success(r) : FailFrom(p);
                        procs = p.Ok ? p.Value : procs;
                        break;
                    case "mem":
                    case "pmem":
                        var mem = Size(value, item);
                        if (!mem.Ok)
                        {
                            return FailFrom(mem);
                        }

                        if (key == "mem")
                        {
                            jobMemory = mem.Value;
                        }
                        else
                        {
                            processMemory = mem.Value;
                        }

                        step = ParseResult<ResourceRequest>.Success(key == "pmem" ? r with { ProcessMemoryBytes = mem.Value } : r);
                        break;
                    case "vmem":
                    case "pvmem":
                    case "file":
                        var size = Size(value, item);
                        step = !size.Ok ? FailFrom(size)
                            : ParseResult<ResourceRequest>.Success(key switch
                            {
                                "vmem" => r with { VirtualMemoryBytes = size.Value },
                                "pvmem" => r with { ProcessVirtualMemoryBytes = size.Value },
                                _ => r with { FileBytes = size.Value },
                            });
                        break;
                    case "walltime":
                    case "cput":
                        var wt = WalltimeParser.Parse(value);
                        step = !wt.Ok ? Fail($"invalid -l {InputText.Quote(item)}: {wt.Error!.Replace("walltime", key, StringComparison.Ordinal)}")
                            : ParseResult<ResourceRequest>.Success(key == "walltime" ? r with { Walltime = wt.Value } : r with { CpuTime = wt.Value });
                        break;
                    case "migratable":
                        step = Bool(value) is { } b ? ParseResult<ResourceRequest>.Success(r with { Migratable = b }) : Fail($"invalid -l {InputText.Quote(item)}: use migratable=true or migratable=false");
                        break;
                    default:
                        if (keepUnknown && NameRules.IsResourceName(key))
                        {
                            ignored.RemoveAll(i => i.StartsWith(key + "=", StringComparison.Ordinal));
                            ignored.Add(key + "=" + value);
                            step = ParseResult<ResourceRequest>.Success(r);
                            break;
                        }

                        step = Fail($"unknown resource '{InputText.Quote(key)}' in -l {InputText.Quote(item)}: known resources are {Known}");
                        break;
                }

                if (!step.Ok)
                {
                    return step;
                }

                r = step.Value!;
            }
        }

        if (procs is { } n && !shaped)
        {
            r = r with { Chunks = n, CpusPerChunk = 1 };
        }

        if (jobMemory is { } total)
        {
            var chunks = r.TotalChunks;
            r = r.WithEachKind(k => k with { MemoryBytesPerChunk = (total + chunks - 1) / chunks });
        }
        else if (processMemory is { } perProcess)
        {
            r = r.WithEachKind(k => k with { MemoryBytesPerChunk = perProcess > long.MaxValue / k.CpusPerChunk ? long.MaxValue : perProcess * k.CpusPerChunk });
        }

        return ParseResult<ResourceRequest>.Success(ignored.Count == 0 ? r : r with { Ignored = ignored });
    }

    /// <summary>
    /// A per-chunk value (or a job-wide amount) on a request of several chunk shapes would change only its first shape
    /// (or spread evenly over shapes that differ), so it is refused naming the shapes: PBS Pro sums <c>ncpus</c>,
    /// <c>mem</c> and <c>ngpus</c> from the select and takes the select itself to change them.
    /// </summary>
    private static ParseResult<ResourceRequest> OneKindOfMany(ResourceRequest r, string item)
    {
        var kinds = r.ChunkKinds();
        var select = string.Join('+', kinds.Select(KindText));
        return Fail(string.Create(CultureInfo.InvariantCulture,
            $"-l {InputText.Quote(item)} is ambiguous for a job of {kinds.Count} chunk shapes (select={select}): "
            + $"give the whole select with the values you want, e.g. -l select={select}"));
    }

    private static string KindText(ResourceRequest k) => string.Create(CultureInfo.InvariantCulture, $"{k.Chunks}:ncpus={k.CpusPerChunk}")
        + (k.GpusPerChunk > 0 ? string.Create(CultureInfo.InvariantCulture, $":ngpus={k.GpusPerChunk}") : "")
        + (k.MemoryBytesPerChunk > 0 ? ":mem=" + SizeParser.Format(k.MemoryBytesPerChunk) : "");

    private static ParseResult<ResourceRequest> WithCount(ResourceRequest r, string value, string item, string what, Func<ResourceRequest, int, ResourceRequest> set)
    {
        var n = Count(value, item, what);
        return n.Ok ? ParseResult<ResourceRequest>.Success(set(r, n.Value)) : FailFrom(n);
    }

    internal static ParseResult<int> Count(string text, string item, string what) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= 1_000_000
            ? ParseResult<int>.Success(n)
            : ParseResult<int>.Fail($"invalid -l {InputText.Quote(item)}: {what} must be a whole number of at least 1, not '{InputText.Quote(text)}'");

    internal static ParseResult<long> Size(string text, string item)
    {
        var s = SizeParser.Parse(text);
        return s.Ok ? s : ParseResult<long>.Fail($"invalid -l {InputText.Quote(item)}: {s.Error}");
    }

    private static bool? Bool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" => true,
        "false" or "no" or "n" or "0" => false,
        _ => null,
    };

    private static string[] SplitTopLevel(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static ParseResult<ResourceRequest> Fail(string message) => ParseResult<ResourceRequest>.Fail(message);

    internal static ParseResult<ResourceRequest> FailFrom<T>(ParseResult<T> other) => ParseResult<ResourceRequest>.Fail(other.Error!);
}
