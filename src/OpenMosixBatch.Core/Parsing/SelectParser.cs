using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>PBS Pro's <c>select=N:ncpus=C:mpiprocs=R:ompthreads=T:mem=M</c>: one shape of chunk, N of them.</summary>
internal static class SelectParser
{
    /// <param name="ignored">Where a chunk resource this parser does not know is kept as <c>name=value</c>, or null to refuse it.</param>
    public static ParseResult<ResourceRequest> Apply(ResourceRequest r, string value, string item, List<string>? ignored)
    {
        if (value.Contains('+', StringComparison.Ordinal))
        {
            return ResourceListParser.Fail($"unsupported -l {InputText.Quote(item)}: chunks of different shapes ('+') are not supported; submit one shape per job, e.g. select=2:ncpus=4:mem=8gb");
        }

        var parts = value.Split(':');
        var count = ResourceListParser.Count(parts[0], item, "chunks");
        if (!count.Ok)
        {
            return ResourceListParser.FailFrom(count);
        }

        // A new select describes the chunk whole: what an earlier one said of ranks and threads does not carry over.
        r = r with { Chunks = count.Value, MpiProcsPerChunk = null, OmpThreadsPerChunk = null };
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

            if (name is not ("ncpus" or "mpiprocs" or "ompthreads") && ignored is not null && NameRules.IsResourceName(name))
            {
                ignored.RemoveAll(i => i.StartsWith(name + "=", StringComparison.Ordinal));
                ignored.Add(name + "=" + kv[1]);
                continue;
            }

            if (name is not ("ncpus" or "mpiprocs" or "ompthreads"))
            {
                return ResourceListParser.Fail($"unknown chunk resource '{InputText.Quote(kv[0])}' in -l {InputText.Quote(item)}: a chunk takes ncpus, mpiprocs, ompthreads and mem");
            }

            var n = ResourceListParser.Count(kv[1], item, name == "ncpus" ? "CPUs" : name == "mpiprocs" ? "MPI ranks" : "threads");
            if (!n.Ok)
            {
                return ResourceListParser.FailFrom(n);
            }

            r = name switch
            {
                "ncpus" => r with { CpusPerChunk = n.Value },
                "mpiprocs" => r with { MpiProcsPerChunk = n.Value },
                _ => r with { OmpThreadsPerChunk = n.Value },
            };
        }

        return ParseResult<ResourceRequest>.Success(r);
    }
}
