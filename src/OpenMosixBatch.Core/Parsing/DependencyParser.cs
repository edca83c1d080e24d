using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses a <c>-W</c> attribute list such as <c>depend=afterok:12:13,afterany:14</c>.</summary>
public static class DependencyParser
{
    private const string Fix = "use -W depend=afterok:ID[:ID][,afterany:ID][,afternotok:ID]";

    public static ParseResult<IReadOnlyList<Dependency>> ParseAttributes(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail("empty -W attribute: " + Fix);
        }

        var s = text.Trim();
        if (!s.StartsWith("depend=", StringComparison.OrdinalIgnoreCase))
        {
            var name = s.Split('=')[0];
            return Fail($"unsupported -W attribute '{InputText.Quote(name)}': only depend= is supported; {Fix}");
        }

        var result = new List<Dependency>();
        foreach (var clause in s["depend=".Length..].Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(':');
            DependencyType? type = parts[0].ToLowerInvariant() switch
            {
                "afterok" => DependencyType.AfterOk,
                "afterany" => DependencyType.AfterAny,
                "afternotok" => DependencyType.AfterNotOk,
                _ => null,
            };
            if (type is null)
            {
                return Fail($"unknown dependency type '{InputText.Quote(parts[0])}' in -W {InputText.Quote(s)}: known types are afterok, afterany, afternotok (spelled as in PBS and Slurm)");
            }

            if (parts.Length < 2)
            {
                return Fail($"dependency '{InputText.Quote(clause)}' names no job: {Fix}");
            }

            foreach (var id in parts.Skip(1))
            {
                if (!JobIds.TryParse(id, out var reference))
                {
                    return Fail($"invalid job id '{InputText.Quote(id)}' in -W {InputText.Quote(s)}: ids look like 42, 42.host or 42[]");
                }

                result.Add(new Dependency(type.Value, reference.JobId));
            }
        }

        return ParseResult<IReadOnlyList<Dependency>>.Success(result);
    }

    private static ParseResult<IReadOnlyList<Dependency>> Fail(string message) => ParseResult<IReadOnlyList<Dependency>>.Fail(message);
}
