using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Applies <c>-l</c> resource lists in both PBS styles (<c>nodes=1:ppn=2,mem=2gb,walltime=01:30:00</c> and
/// <c>select=1:ncpus=2:mem=2gb</c>), later lists overriding earlier ones, onto a baseline request.
/// </summary>
/// <remarks>
/// In the Torque style <c>mem</c> is the whole job's memory and is divided evenly over its chunks (rounded up);
/// inside <c>select</c> it is per chunk, as PBS Pro defines it. <c>pmem</c> is per process, as Torque defines it: a
/// chunk runs <c>ppn</c> processes, so it needs <c>pmem</c> × <c>ppn</c> (<c>nodes=2:ppn=12,pmem=1800mb</c> is
/// 21.6 GB a chunk, 43.2 GB in all). When both are given, <c>mem</c>, the job's own limit, is what it may use.
/// </remarks>
public static class ResourceListParser
{
    private const string Known = "nodes, ppn, select, ncpus, mem, pmem, walltime, migratable";

    public static ParseResult<ResourceRequest> Apply(ResourceRequest baseline, IReadOnlyList<string> lists)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(lists);
        var r = baseline;
        long? jobMemory = null;
        long? processMemory = null;
        foreach (var list in lists)
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                return Fail("empty -l list: give resources such as -l select=1:ncpus=2:mem=2gb");
            }

            foreach (var item in SplitTopLevel(list))
            {
                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return Fail($"invalid -l '{InputText.Quote(item)}': expected NAME=VALUE, e.g. -l walltime=01:00:00");
                }

                var key = item[..eq].Trim().ToLowerInvariant();
                var value = item[(eq + 1)..].Trim();
                ParseResult<ResourceRequest> step;
                switch (key)
                {
                    case "nodes":
                        step = ApplyNodes(r, value, item);
                        break;
                    case "select":
                        step = ApplySelect(r, value, item);
                        if (step.Ok)
                        {
                            jobMemory = null;
                            processMemory = null;
                        }

                        break;
                    case "ppn":
                    case "ncpus":
                        var cpus = Count(value, item, "CPUs");
                        step = cpus.Ok ? ParseResult<ResourceRequest>.Success(r with { CpusPerChunk = cpus.Value }) : FailFrom(cpus);
                        break;
                    case "mem":
                        var mem = Size(value, item);
                        if (!mem.Ok)
                        {
                            return FailFrom(mem);
                        }

                        jobMemory = mem.Value;
                        step = ParseResult<ResourceRequest>.Success(r);
                        break;
                    case "pmem":
                        var pmem = Size(value, item);
                        if (!pmem.Ok)
                        {
                            return FailFrom(pmem);
                        }

                        processMemory = pmem.Value;
                        step = ParseResult<ResourceRequest>.Success(r);
                        break;
                    case "walltime":
                        var wt = WalltimeParser.Parse(value);
                        step = wt.Ok ? ParseResult<ResourceRequest>.Success(r with { Walltime = wt.Value }) : Fail($"invalid -l {InputText.Quote(item)}: {wt.Error}");
                        break;
                    case "migratable":
                        step = Bool(value) is { } b ? ParseResult<ResourceRequest>.Success(r with { Migratable = b }) : Fail($"invalid -l {InputText.Quote(item)}: use migratable=true or migratable=false");
                        break;
                    default:
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

        if (jobMemory is { } total)
        {
            r = r with { MemoryBytesPerChunk = (total + r.Chunks - 1) / r.Chunks };
        }
        else if (processMemory is { } perProcess)
        {
            r = r with { MemoryBytesPerChunk = perProcess > long.MaxValue / r.CpusPerChunk ? long.MaxValue : perProcess * r.CpusPerChunk };
        }

        return ParseResult<ResourceRequest>.Success(r);
    }

    private static ParseResult<ResourceRequest> ApplyNodes(ResourceRequest r, string value, string item)
    {
        var parts = value.Split(':');
        var count = Count(parts[0], item, "nodes");
        if (!count.Ok)
        {
            return int.TryParse(parts[0], out _) ? FailFrom(count)
                : Fail($"invalid -l {InputText.Quote(item)}: nodes takes a count, not a host name ('{InputText.Quote(parts[0])}'); placement is the scheduler's, e.g. nodes=1:ppn=2");
        }

        r = r with { Chunks = count.Value };
        foreach (var p in parts.Skip(1))
        {
            var kv = p.Split('=', 2);
            if (kv.Length != 2 || !kv[0].Equals("ppn", StringComparison.OrdinalIgnoreCase))
            {
                return Fail($"invalid -l {InputText.Quote(item)}: after nodes=N only :ppn=P is understood, e.g. nodes=2:ppn=4");
            }

            var ppn = Count(kv[1], item, "CPUs");
            if (!ppn.Ok)
            {
                return FailFrom(ppn);
            }

            r = r with { CpusPerChunk = ppn.Value };
        }

        return ParseResult<ResourceRequest>.Success(r);
    }

    private static ParseResult<ResourceRequest> ApplySelect(ResourceRequest r, string value, string item)
    {
        if (value.Contains('+', StringComparison.Ordinal))
        {
            return Fail($"unsupported -l {InputText.Quote(item)}: chunks of different shapes ('+') are not supported; submit one shape per job, e.g. select=2:ncpus=4:mem=8gb");
        }

        var parts = value.Split(':');
        var count = Count(parts[0], item, "chunks");
        if (!count.Ok)
        {
            return FailFrom(count);
        }

        r = r with { Chunks = count.Value };
        foreach (var p in parts.Skip(1))
        {
            var kv = p.Split('=', 2);
            if (kv.Length != 2)
            {
                return Fail($"invalid -l {InputText.Quote(item)}: '{InputText.Quote(p)}' is not NAME=VALUE; e.g. select=1:ncpus=2:mem=2gb");
            }

            switch (kv[0].ToLowerInvariant())
            {
                case "ncpus":
                    var c = Count(kv[1], item, "CPUs");
                    if (!c.Ok)
                    {
                        return FailFrom(c);
                    }

                    r = r with { CpusPerChunk = c.Value };
                    break;
                case "mem":
                    var m = Size(kv[1], item);
                    if (!m.Ok)
                    {
                        return FailFrom(m);
                    }

                    r = r with { MemoryBytesPerChunk = m.Value };
                    break;
                default:
                    return Fail($"unknown chunk resource '{InputText.Quote(kv[0])}' in -l {InputText.Quote(item)}: a chunk takes ncpus and mem");
            }
        }

        return ParseResult<ResourceRequest>.Success(r);
    }

    private static ParseResult<int> Count(string text, string item, string what) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= 1_000_000
            ? ParseResult<int>.Success(n)
            : ParseResult<int>.Fail($"invalid -l {InputText.Quote(item)}: {what} must be a whole number of at least 1, not '{InputText.Quote(text)}'");

    private static ParseResult<long> Size(string text, string item)
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

    private static ParseResult<ResourceRequest> Fail(string message) => ParseResult<ResourceRequest>.Fail(message);

    private static ParseResult<ResourceRequest> FailFrom<T>(ParseResult<T> other) => ParseResult<ResourceRequest>.Fail(other.Error!);
}
