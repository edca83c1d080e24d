using System.Globalization;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Parses a Linux CPU list as <c>taskset -c</c> and cpusets write it (<c>0</c>, <c>0-3</c>, <c>0,2,4-5</c>): the cores
/// a simulated node's rank and its tasks are pinned to, so that nodes sharing one host do not share its cores.
/// </summary>
public static class CpuListParser
{
    /// <summary>Highest CPU number accepted (Linux's default NR_CPUS limit is far below).</summary>
    public const int MaxCpu = 4095;

    /// <summary>The distinct CPU numbers, ascending; an error naming the bad item otherwise.</summary>
    public static ParseResult<IReadOnlyList<int>> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(text ?? "", "it is empty");
        }

        var cpus = new SortedSet<int>();
        foreach (var item in text.Split(','))
        {
            var bounds = item.Trim().Split('-');
            if (bounds.Length is < 1 or > 2 || !TryCpu(bounds[0], out var low) || !TryCpu(bounds[^1], out var high))
            {
                return Fail(text, $"'{InputText.Quote(item.Trim())}' is not a CPU number or range");
            }

            if (high < low)
            {
                return Fail(text, $"range '{InputText.Quote(item.Trim())}' runs backwards");
            }

            for (var cpu = low; cpu <= high; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return ParseResult<IReadOnlyList<int>>.Success([.. cpus]);
    }

    /// <summary>The canonical text of a CPU list (ranges collapsed), which <see cref="Parse"/> reads back.</summary>
    public static string Format(IReadOnlyList<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var parts = new List<string>();
        var sorted = cpus.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static bool TryCpu(string text, out int cpu) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out cpu) && cpu <= MaxCpu;

    private static ParseResult<IReadOnlyList<int>> Fail(string text, string problem) =>
        ParseResult<IReadOnlyList<int>>.Fail($"invalid CPU list '{InputText.Quote(text)}': {problem}: use CPU numbers and ranges like 0, 0-3 or 0,2,4-5");
}
