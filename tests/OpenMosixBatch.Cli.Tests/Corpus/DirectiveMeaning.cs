using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Tests.Corpus;

/// <summary>
/// Reads a script's directives again, by a second and simpler reading than the mapper's, and names every directive
/// whose meaning the accepted spec does not keep: names, queues, chunks, CPUs, memory in the right unit, walltime,
/// CPU time, arrays, dependencies, mail, account, project, shell, paths, and the site resources kept as recorded.
/// </summary>
internal static class DirectiveMeaning
{
    public static List<string> Differences(string script, JobSpec spec)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new List<string>();
        foreach (var line in DirectiveScanner.ScanLines(script))
        {
            var words = line.Words;
            for (var i = 0; i < words.Count; i++)
            {
                var w = words[i];
                if (w.Length < 2 || w[0] != '-' || w is "-V" or "-h")
                {
                    continue;
                }

                var key = w[..2];
                var value = w.Length > 2 ? w[2..] : (i + 1 < words.Count ? words[++i] : "");
                if (key == "-l")
                {
                    lists.Add(value);
                }
                else
                {
                    last[key] = value;
                }
            }
        }

        var problems = new List<string>();
        void Expect(bool kept, string what)
        {
            if (!kept)
            {
                problems.Add(what);
            }
        }

        void When(string key, Func<string, bool> kept, Func<string, string> what)
        {
            if (last.TryGetValue(key, out var v))
            {
                Expect(kept(v), what(v));
            }
        }

        static bool PathKept(string given, string? path) =>
            path is { } p && (p.EndsWith(Path.GetFileName(given.TrimEnd('/')), StringComparison.Ordinal) || p.EndsWith('/'));

        When("-N", v => spec.Name == v, v => $"-N {v} → {spec.Name}");
        When("-q", v => spec.Queue == v.Split('@')[0].Trim(), v => $"-q {v} → {spec.Queue}");
        When("-A", v => spec.Account == v, v => $"-A {v} → {spec.Account}");
        When("-P", v => spec.Project == v, v => $"-P {v} → {spec.Project}");
        When("-m", v => spec.MailEvents == v.Trim(), v => $"-m {v} → {spec.MailEvents}");
        When("-M", v => string.Join(',', spec.MailUsers) == v.Replace(" ", "", StringComparison.Ordinal), v => $"-M {v}");
        When("-S", v => spec.Shell == v.Split('@')[0], v => $"-S {v} → {spec.Shell}");
        When("-j", v => v.StartsWith('n') ? spec.Join == JoinMode.None : spec.Join != JoinMode.None, v => $"-j {v} → {spec.Join}");
        When("-o", v => PathKept(v, spec.OutputPath), v => $"-o {v} → {spec.OutputPath}");
        When("-e", v => PathKept(v, spec.ErrorPath), v => $"-e {v} → {spec.ErrorPath}");
        When("-t", v => spec.Array?.Count == ArrayRangeParser.Parse(v).Value?.Count, v => $"-t {v} → {spec.Array?.Count}");
        When("-J", v => spec.Array?.Count == ArrayRangeParser.Parse(v).Value?.Count, v => $"-J {v} → {spec.Array?.Count}");
        When("-W", v => !v.StartsWith("depend=", StringComparison.Ordinal) || spec.Dependencies.Count > 0, v => $"-W {v} → no dependency");
        Resources(lists, spec.Resources, Expect);
        return problems;
    }

    /// <summary>Torque's nodes=: the chunks of every '+' part, each part's ppn and gpus, its properties, its host.</summary>
    private static void Nodes(string item, string value, ResourceRequest r, Action<bool, string> expect)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var parts = value.Split('+').Select(p => p.Split(':')).ToList();
        var chunks = parts.Sum(p => int.TryParse(p[0], inv, out var n) ? n : 1);
        expect(r.Chunks == chunks, $"{item} → {r.Chunks} chunks");
        var hosts = parts.Where(p => !int.TryParse(p[0], inv, out _)).Select(p => p[0]).ToList();
        expect(hosts.SequenceEqual(r.Hosts), $"{item} → hosts {string.Join('+', r.Hosts)}");
        foreach (var p in parts.SelectMany(p => p.Skip(1)))
        {
            if (p.StartsWith("ppn=", StringComparison.Ordinal))
            {
                expect(r.CpusPerChunk == int.Parse(p[4..], inv), $"{item} → {r.CpusPerChunk} CPUs");
            }
            else if (p.StartsWith("gpus=", StringComparison.Ordinal))
            {
                expect(r.GpusPerChunk == int.Parse(p[5..], inv), $"{item} → {r.GpusPerChunk} GPUs");
            }
            else if (!p.StartsWith("exclusive", StringComparison.Ordinal))
            {
                expect(r.Properties.Contains(p), $"{item}: property {p} not required");
            }
        }
    }

    private static void Resources(List<string> lists, ResourceRequest r, Action<bool, string> expect)
    {
        long? mem = null, pmem = null;
        var select = false;
        foreach (var item in lists.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var (key, value) = item.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (item[..eq].ToLowerInvariant(), item[(eq + 1)..]) : (item, "");
            switch (key)
            {
                case "walltime": expect(r.Walltime == WalltimeParser.Parse(value).Value, $"walltime={value} → {r.Walltime}"); break;
                case "cput": expect(r.CpuTime == WalltimeParser.Parse(value).Value, $"cput={value} → {r.CpuTime}"); break;
                case "vmem": expect(r.VirtualMemoryBytes == SizeParser.Parse(value).Value, $"vmem={value}"); break;
                case "pvmem": expect(r.ProcessVirtualMemoryBytes == SizeParser.Parse(value).Value, $"pvmem={value}"); break;
                case "mem": mem = SizeParser.Parse(value).Value; break;
                case "pmem": pmem = SizeParser.Parse(value).Value; break;
                case "ncpus" or "ppn": expect(r.CpusPerChunk == int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), $"{item} → {r.CpusPerChunk} CPUs"); break;
                case "nodes":
                    Nodes(item, value, r, expect);
                    break;
                case "ngpus" or "gpus": expect(r.GpusPerChunk == int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), $"{item} → {r.GpusPerChunk} GPUs"); break;
                case "place":
                    var words = value.Split(':');
                    expect(words.Contains("excl") == r.Exclusive, $"{item} → sharing {r.Sharing}");
                    expect(words.FirstOrDefault(w => w is "pack" or "scatter" or "vscatter" or "free") is not { } how || string.Equals(how, r.Arrangement.ToString(), StringComparison.OrdinalIgnoreCase), $"{item} → {r.Arrangement}");
                    break;
                case "select":
                    select = true;
                    var chunk = value.Split(':');
                    expect(r.Chunks == int.Parse(chunk[0], System.Globalization.CultureInfo.InvariantCulture), $"{item} → {r.Chunks} chunks");
                    foreach (var kv in chunk.Skip(1).Select(c => c.Split('=', 2)))
                    {
                        switch (kv[0])
                        {
                            case "ncpus": expect(r.CpusPerChunk == int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture), $"{item} → {r.CpusPerChunk} CPUs"); break;
                            case "mem": expect(r.MemoryBytesPerChunk == SizeParser.Parse(kv[1]).Value, $"{item} → {r.MemoryBytesPerChunk} bytes a chunk"); break;
                            case "mpiprocs": expect(r.MpiProcsPerChunk == int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture), $"{item} → mpiprocs {r.MpiProcsPerChunk}"); break;
                            case "ompthreads": expect(r.OmpThreadsPerChunk == int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture), $"{item} → ompthreads {r.OmpThreadsPerChunk}"); break;
                            case "ngpus": expect(r.GpusPerChunk == int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture), $"{item} → {r.GpusPerChunk} GPUs"); break;
                            case var _ when kv[1] == "true": expect(r.Properties.Contains(kv[0]), $"{item}: property {kv[0]} not required"); break;
                            default: expect(r.Ignored.Contains(kv[0] + "=" + kv[1]), $"{item}: chunk resource {kv[0]} not recorded"); break;
                        }
                    }

                    break;
                case "naccesspolicy": expect(r.Exclusive == (value == "singlejob"), $"{item} → sharing {r.Sharing}"); break;
                case "migratable" or "procs" or "file":
                    break;
                default:
                    expect(r.Ignored.Contains(item.Contains('=', StringComparison.Ordinal) ? key + "=" + value : item), $"{item}: site resource not recorded");
                    break;
            }
        }

        if (!select && mem is { } total && r.Chunks > 0)
        {
            expect(r.TotalMemoryBytes >= total && r.TotalMemoryBytes - total < r.Chunks, $"mem={total} → {r.TotalMemoryBytes} in all");
        }
        else if (!select && pmem is { } perProcess)
        {
            expect(r.MemoryBytesPerChunk == perProcess * r.CpusPerChunk, $"pmem={perProcess} → {r.MemoryBytesPerChunk} a chunk of {r.CpusPerChunk} CPUs");
        }
    }
}
