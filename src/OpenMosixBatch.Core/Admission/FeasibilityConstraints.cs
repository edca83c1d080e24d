using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Admission;

/// <summary>The submission refusals of requests that name properties, hosts or an arrangement no node can meet.</summary>
internal static class FeasibilityConstraints
{
    /// <summary>Null when some node has the properties and every named host exists; else one line naming what the nodes have.</summary>
    public static string? WhyNoNodeMatches(ResourceRequest request, IReadOnlyList<NodeSnapshot> nodes)
    {
        var missing = request.Properties.Where(p => !nodes.Any(n => n.Properties.Contains(p, StringComparer.Ordinal))).ToList();
        var known = nodes.SelectMany(n => n.Properties).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var have = known.Count == 0 ? "no node declares properties (\"properties\" in conf/cluster.json)" : "the nodes' properties are " + string.Join(", ", known);
        if (missing.Count > 0)
        {
            return $"no node has the propert{(missing.Count == 1 ? "y" : "ies")} {string.Join(", ", missing)}: {have}; ask for one of those or ask the administrator to declare it";
        }

        if (request.Properties.Count > 0 && !nodes.Any(n => request.Properties.All(p => n.Properties.Contains(p, StringComparer.Ordinal))))
        {
            return $"no single node has all of the properties {string.Join(", ", request.Properties)}: {have}";
        }

        if (request.ExcludedProperties.Count > 0 && !nodes.Any(n => ChunkFit.Suits(n, request)))
        {
            var wanted = request.Properties.Count > 0 ? $"has all of {string.Join(", ", request.Properties)} and " : "";
            return $"no node {wanted}lacks {string.Join(", ", request.ExcludedProperties)}: {have}; drop {string.Join(", ", request.ExcludedProperties.Select(p => p + "=false"))}, or ask the administrator which nodes to use";
        }

        var unknownHosts = request.Hosts.Where(h => !nodes.Any(n => n.Name == h)).Distinct(StringComparer.Ordinal).ToList();
        if (unknownHosts.Count > 0)
        {
            return $"no node is named {string.Join(", ", unknownHosts)}: the nodes are {string.Join(", ", nodes.Select(n => n.Name))}; name one of those in nodes=HOST:ppn=P, or ask for a count (nodes=1:ppn=P)";
        }

        return null;
    }

    /// <summary>The refusal of a request whose chunks fit one by one but not arranged as asked (scatter, pack, hosts).</summary>
    public static string? WhyArrangementNeverFits(ResourceRequest request, IReadOnlyList<NodeSnapshot> suiting, long most)
    {
        var inv = CultureInfo.InvariantCulture;
        if (request.Hosts.Count > 0)
        {
            return string.Create(inv, $"the hosts named ({string.Join('+', request.Hosts)}) can never hold their chunks of {request.CpusPerChunk} CPUs at once; name fewer chunks per host or smaller ones");
        }

        if (request.Arrangement == PlacementArrangement.Pack)
        {
            return string.Create(inv, $"place=pack puts all {request.Chunks} chunks on one node, and the largest holds at most {most}; ask for at most that, or use place=free");
        }

        return request.Arrangement is PlacementArrangement.Scatter or PlacementArrangement.VScatter
            ? string.Create(inv, $"place=scatter puts each chunk on a node of its own, and only {most} of the {suiting.Count} nodes that suit can hold one; ask for at most {most} chunks")
            : null;
    }
}
