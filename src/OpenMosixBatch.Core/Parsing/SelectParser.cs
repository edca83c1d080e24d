using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// PBS Pro's <c>select=N:ncpus=C:mpiprocs=R:ompthreads=T:ngpus=G:mem=M</c>: one shape of chunk, N of them. A custom
/// boolean set true (<c>bigmem=true</c>) asks for nodes with that property, set false (<c>bigmem=false</c>) for nodes
/// without it, as PBS Pro reads an unset boolean as false; <c>host=</c> (or <c>vnode=</c>) pins the
/// chunks to one node. Parts joined by '+' (<c>select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb</c>) are chunks of several
/// shapes, each placed by its own shape.
/// </summary>
internal static class SelectParser
{
    /// <param name="ignored">Where a chunk resource this parser does not know is kept as <c>name=value</c>, or null to refuse it.</param>
    public static ParseResult<ResourceRequest> Apply(ResourceRequest r, string value, string item, List<string>? ignored)
    {
        if (!value.Contains('+', StringComparison.Ordinal))
        {
            return ApplyOne(r, value, item, ignored);
        }

        // Each '+' part is a chunk spec of its own, read against the request as it was before this select.
        var kinds = new List<ResourceRequest>();
        foreach (var part in value.Split('+'))
        {
            var one = ApplyOne(r, part, item, ignored);
            if (!one.Ok)
            {
                return one;
            }

            kinds.Add(one.Value!);
            if (kinds.Sum(k => (long)k.Chunks) > 1_000_000)
            {
                return ResourceListParser.Fail($"invalid -l {InputText.Quote(item)}: more than 1000000 chunks");
            }
        }

        return ParseResult<ResourceRequest>.Success(Join(kinds));
    }

    /// <summary>
    /// Parts of one shape make a request of one shape (<c>1:host=a:ncpus=2+1:host=b:ncpus=2</c> is how PBS Pro writes a
    /// host list, and <c>2:ncpus=2+1:ncpus=2</c> is three chunks); parts of several shapes make a mixed request whose
    /// first kind is the first part.
    /// </summary>
    internal static ResourceRequest Join(IReadOnlyList<ResourceRequest> kinds)
    {
        var first = kinds[0];
        var shape = ChunkKind.Of(first) with { Count = 1, Host = null };
        var hosted = kinds.Count(k => k.Hosts.Count > 0);
        if (kinds.All(k => ChunkKind.Of(k) with { Count = 1, Host = null } == shape) && (hosted == 0 || hosted == kinds.Count))
        {
            var chunks = kinds.Sum(k => (long)k.Chunks);
            return first with
            {
                Chunks = (int)Math.Min(chunks, int.MaxValue),
                Hosts = hosted == 0 ? [] : [.. kinds.SelectMany(k => k.Hosts)],
            };
        }

        return first with { MoreChunks = [.. kinds.Skip(1).Select(ChunkKind.Of)] };
    }

    private static ParseResult<ResourceRequest> ApplyOne(ResourceRequest r, string value, string item, List<string>? ignored)
    {
        var parts = value.Split(':');
        var count = ResourceListParser.Count(parts[0], item, "chunks");
        if (!count.Ok)
        {
            return ResourceListParser.FailFrom(count);
        }

        // A new select describes the chunk whole: what an earlier one said of ranks and threads does not carry over.
        r = r with { Chunks = count.Value, MoreChunks = [], MpiProcsPerChunk = null, OmpThreadsPerChunk = null, GpusPerChunk = 0, Properties = [], ExcludedProperties = [], Hosts = [] };
        var properties = new List<string>();
        var excluded = new List<string>();
        foreach (var p in parts.Skip(1))
        {
            var kv = p.Split('=', 2);
            if (kv.Length != 2)
            {
                return ResourceListParser.Fail($"invalid -l {InputText.Quote(item)}: '{InputText.Quote(p)}' is not NAME=VALUE; e.g. select=1:ncpus=2:mem=2gb");
            }

            var name = kv[0].ToLowerInvariant();
            if (name == "mem")
            {
                var m = ResourceListParser.Size(kv[1], item);
                if (!m.Ok)
                {
                    return ResourceListParser.FailFrom(m);
                }

                r = r with { MemoryBytesPerChunk = m.Value };
                continue;
            }

            if (name is "host" or "vnode")
            {
                if (!Cluster.HostName.IsValid(kv[1]))
                {
                    return ResourceListParser.Fail($"invalid -l {InputText.Quote(item)}: {name}={InputText.Quote(kv[1])} is not a node name");
                }

                r = r with { Hosts = [.. Enumerable.Repeat(kv[1], r.Chunks)] };
                continue;
            }

            if (name is not ("ncpus" or "mpiprocs" or "ompthreads" or "ngpus") && NameRules.IsResourceName(kv[0]) && Boolean(kv[1]) is { } wanted)
            {
                // A custom boolean (select=2:ncpus=4:bigmem=true): only nodes with (or, when false, without) that property
                // take the chunk; the last setting of a name counts, as for every other chunk resource.
                properties.Remove(kv[0]);
                excluded.Remove(kv[0]);
                (wanted ? properties : excluded).Add(kv[0]);
                continue;
            }

            if (name is not ("ncpus" or "mpiprocs" or "ompthreads" or "ngpus") && ignored is not null && NameRules.IsResourceName(name))
            {
                ignored.RemoveAll(i => i.StartsWith(name + "=", StringComparison.Ordinal));
                ignored.Add(name + "=" + kv[1]);
                continue;
            }

            if (name is not ("ncpus" or "mpiprocs" or "ompthreads" or "ngpus"))
            {
                return ResourceListParser.Fail($"unknown chunk resource '{InputText.Quote(kv[0])}' in -l {InputText.Quote(item)}: a chunk takes ncpus, mpiprocs, ompthreads, ngpus, mem, host and node properties (NAME=true)");
            }

            var n = ResourceListParser.Count(kv[1], item, name switch { "ncpus" => "CPUs", "mpiprocs" => "MPI ranks", "ngpus" => "GPUs", _ => "threads" });
            if (!n.Ok)
            {
                return ResourceListParser.FailFrom(n);
            }

            r = name switch
            {
                "ncpus" => r with { CpusPerChunk = n.Value },
                "mpiprocs" => r with { MpiProcsPerChunk = n.Value },
                "ngpus" => r with { GpusPerChunk = n.Value },
                _ => r with { OmpThreadsPerChunk = n.Value },
            };
        }

        return ParseResult<ResourceRequest>.Success(properties.Count == 0 && excluded.Count == 0 ? r : r with { Properties = properties, ExcludedProperties = excluded });
    }

    /// <summary>PBS Pro's boolean spellings; null for any other value (a site resource such as qos=debug).</summary>
    private static bool? Boolean(string value) => value.ToLowerInvariant() switch
    {
        "true" or "t" or "yes" or "y" => true,
        "false" or "f" or "no" or "n" => false,
        _ => null,
    };
}
