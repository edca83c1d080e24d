using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Torque's <c>nodes=</c>: <c>N[:ppn=P][:gpus=G][:PROPERTY…]</c>, a host name in place of N to run on that node, and
/// several such parts joined by '+' (<c>nodes=h1:ppn=2+h2:ppn=2</c>, <c>nodes=2:ppn=4:ib+1:ppn=4:ib</c>).
/// </summary>
/// <remarks>
/// Parts of one shape (the same ppn, gpus and properties) make that many chunks of it, and a host list pins each chunk
/// to its node; parts of different shapes (<c>nodes=1:ppn=4+2:ppn=1</c>), or counted parts beside named hosts, make a
/// request of several kinds of chunk, each placed by its own shape. The GPU modes Torque takes after
/// <c>gpus=</c> (<c>exclusive_process</c>, <c>shared</c>, …) are accepted and have no effect: devices are never shared.
/// </remarks>
internal static class NodesParser
{
    private static readonly HashSet<string> GpuModes = ["exclusive_process", "exclusive_thread", "exclusive", "default", "shared", "reseterr"];

    public static ParseResult<ResourceRequest> Apply(ResourceRequest r, string value, string item)
    {
        var kinds = new List<ResourceRequest>();
        long chunks = 0;
        foreach (var part in value.Split('+'))
        {
            var parts = part.Split(':');
            int count;
            string? host = null;
            if (parts[0].Length > 0 && parts[0].All(char.IsAsciiDigit))
            {
                var n = ResourceListParser.Count(parts[0], item, "nodes");
                if (!n.Ok)
                {
                    return ResourceListParser.FailFrom(n);
                }

                count = n.Value;
            }
            else if (HostName.IsValid(parts[0]))
            {
                count = 1;
                host = parts[0];
            }
            else
            {
                return ResourceListParser.Fail($"invalid -l {InputText.Quote(item)}: '{InputText.Quote(parts[0])}' is neither a node count nor a host name; e.g. nodes=2:ppn=4 or nodes=node1:ppn=4");
            }

            var own = Shape(parts, item);
            if (!own.Ok)
            {
                return ResourceListParser.FailFrom(own);
            }

            chunks += count;
            if (chunks > 1_000_000)
            {
                return ResourceListParser.Fail($"invalid -l {InputText.Quote(item)}: more than 1000000 nodes");
            }

            var (ppn, gpus, properties) = own.Value;
            kinds.Add(r with
            {
                Chunks = count,
                CpusPerChunk = ppn == 0 ? r.CpusPerChunk : ppn,
                GpusPerChunk = gpus,
                Properties = properties,
                Hosts = host is null ? [] : [host],
                MoreChunks = [],
            });
        }

        return ParseResult<ResourceRequest>.Success(SelectParser.Join(kinds));
    }

    /// <summary>ppn (0 when not given), gpus and properties of one '+' part.</summary>
    private static ParseResult<(int Ppn, int Gpus, List<string> Properties)> Shape(string[] parts, string item)
    {
        var (ppn, gpus, properties) = (0, 0, new List<string>());
        foreach (var p in parts.Skip(1))
        {
            var kv = p.Split('=', 2);
            var name = kv[0].ToLowerInvariant();
            if (kv.Length == 1 && NameRules.IsResourceName(kv[0]))
            {
                if (!(gpus > 0 && GpuModes.Contains(name)) && !properties.Contains(kv[0]))
                {
                    properties.Add(kv[0]);
                }

                continue;
            }

            if (kv.Length != 2 || name is not ("ppn" or "gpus"))
            {
                return Fail($"invalid -l {InputText.Quote(item)}: after nodes=N come :ppn=P, :gpus=G and node properties (names), not '{InputText.Quote(p)}'; e.g. nodes=2:ppn=4:ib");
            }

            var n = ResourceListParser.Count(kv[1], item, name == "ppn" ? "CPUs" : "GPUs");
            if (!n.Ok)
            {
                return Fail(n.Error!);
            }

            (ppn, gpus) = name == "ppn" ? (n.Value, gpus) : (ppn, n.Value);
        }

        return ParseResult<(int, int, List<string>)>.Success((ppn, gpus, properties));
    }

    private static ParseResult<(int, int, List<string>)> Fail(string message) => ParseResult<(int, int, List<string>)>.Fail(message);
}
