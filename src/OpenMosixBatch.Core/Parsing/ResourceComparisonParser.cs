using System.Globalization;
using OpenMosixBatch.Core.Selection;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Parses qselect's <c>-l</c> lists: <c>RESOURCE.OP=VALUE</c> items, comma-separated (PBS Pro), with
/// <c>walltime</c>, <c>ncpus</c>, <c>mem</c> and <c>nodes</c>/<c>select</c>, and <c>eq ne lt le gt ge</c>; a bare
/// <c>RESOURCE=VALUE</c> means <c>eq</c>.
/// </summary>
public static class ResourceComparisonParser
{
    private const string Fix = "use RESOURCE.OP=VALUE with walltime, ncpus, mem or nodes and eq, ne, lt, le, gt or ge, e.g. -l walltime.gt=1:00:00";

    public static ParseResult<IReadOnlyList<ResourceComparison>> Parse(string list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return Fail("empty -l list: " + Fix);
        }

        var comparisons = new List<ResourceComparison>();
        foreach (var item in list.Split(','))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return Fail($"invalid -l item '{InputText.Quote(item)}': {Fix}");
            }

            var left = item[..equals].Trim();
            var text = item[(equals + 1)..].Trim();
            var dot = left.IndexOf('.', StringComparison.Ordinal);
            var name = dot < 0 ? left : left[..dot];
            var op = dot < 0 ? "eq" : left[(dot + 1)..];
            SelectableResource? resource = name.ToLowerInvariant() switch
            {
                "walltime" => SelectableResource.Walltime,
                "ncpus" => SelectableResource.Ncpus,
                "mem" => SelectableResource.Mem,
                "nodes" or "select" or "nodect" => SelectableResource.Nodes,
                _ => null,
            };
            if (resource is not { } r)
            {
                return Fail($"unknown resource '{InputText.Quote(name)}' in -l: {Fix}");
            }

            ComparisonOperator? comparison = op.ToLowerInvariant() switch
            {
                "eq" => ComparisonOperator.Eq,
                "ne" => ComparisonOperator.Ne,
                "lt" => ComparisonOperator.Lt,
                "le" => ComparisonOperator.Le,
                "gt" => ComparisonOperator.Gt,
                "ge" => ComparisonOperator.Ge,
                _ => null,
            };
            if (comparison is not { } c)
            {
                return Fail($"unknown comparison '{InputText.Quote(op)}' in -l {InputText.Quote(left)}: {Fix}");
            }

            if (Value(r, text) is not { Ok: true } value)
            {
                return Fail($"invalid value in -l '{InputText.Quote(item)}': {Value(r, text).Error}");
            }

            comparisons.Add(new ResourceComparison(r, c, value.Value));
        }

        return ParseResult<IReadOnlyList<ResourceComparison>>.Success(comparisons);
    }

    private static ParseResult<long> Value(SelectableResource resource, string text)
    {
        switch (resource)
        {
            case SelectableResource.Walltime:
                var walltime = WalltimeParser.Parse(text);
                return walltime.Ok ? ParseResult<long>.Success((long)walltime.Value.TotalSeconds) : ParseResult<long>.Fail(walltime.Error!);
            case SelectableResource.Mem:
                return SizeParser.Parse(text);
            default:
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                    ? ParseResult<long>.Success(count)
                    : ParseResult<long>.Fail("use a whole number, e.g. ncpus.ge=4");
        }
    }

    private static ParseResult<IReadOnlyList<ResourceComparison>> Fail(string error) => ParseResult<IReadOnlyList<ResourceComparison>>.Fail(error);
}
