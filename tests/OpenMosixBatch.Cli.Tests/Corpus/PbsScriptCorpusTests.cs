using System.Text;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Tests.Shared;
using Xunit.Abstractions;

namespace OpenMosixBatch.Cli.Tests.Corpus;

/// <summary>
/// Compatibility corpus (issue 21): every script of a directory is submitted through qsub's mapper and the server's
/// submission checks, against a site that declares the corpus's own resources and options and two nodes large enough
/// for any of them (with GPUs and the properties ib and bigmem); each accepted one must keep the meaning of each directive, and each outcome must be the one recorded in
/// the directory's EXPECTED.tsv ("accepted", or "refused" and a word the refusal names).
/// </summary>
/// <remarks>
/// The directory is tests/corpus/pbs-scripts, or the one OMB_PBS_CORPUS names (a corpus of third-party scripts kept
/// outside the repository, with its SOURCES.tsv).
/// </remarks>
public sealed class PbsScriptCorpusTests(ITestOutputHelper output)
{
    private static readonly QsubContext Context = new("/home/alice/work", "login1", "alice", new Dictionary<string, string> { ["HOME"] = "/home/alice" })
    {
        IsDirectory = p => p is "/home/alice/work/out" or "/home/alice/work",
    };

    private static readonly SubmissionLimits Site = SubmissionLimits.Default with
    {
        IgnoredResources = new HashSet<string>(StringComparer.Ordinal)
        {
            "software", "wd", "storage", "jobfs", "qos", "feature", "pcmem", "scratch_local", "model", "nice", "jobtype", "other",
        },
        IgnoredOptions = new HashSet<string>(StringComparer.Ordinal) { "-W x", "-k" },
    };

    /// <summary>Two nodes large enough for any script, with the GPUs and properties the scripts ask for (host lists name them).</summary>
    private static readonly NodeSnapshot[] Nodes =
    [
        new("node01", 4096, 64L << 40) { Gpus = 8, Properties = ["ib", "bigmem"] },
        new("node02", 4096, 64L << 40) { Gpus = 8, Properties = ["ib", "bigmem"] },
    ];

    private static string Directory => Environment.GetEnvironmentVariable("OMB_PBS_CORPUS") is { Length: > 0 } d ? d : Path.Combine(CorpusDirectory.Path, "pbs-scripts");

    [Fact]
    public void Corpus_EveryScript_HasTheRecordedOutcomeAndAcceptedOnesKeepEveryDirectivesMeaning()
    {
        var expected = File.ReadAllLines(Path.Combine(Directory, "EXPECTED.tsv")).Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => (Outcome: f[1], Named: f.Length > 2 ? f[2] : ""), StringComparer.Ordinal);
        var scripts = System.IO.Directory.GetFiles(Directory).Where(f => Path.GetExtension(f) is not (".tsv" or ".md")).Order(StringComparer.Ordinal).ToList();
        var failures = new List<string>();
        var refusals = new List<string>();
        foreach (var path in scripts)
        {
            var file = Path.GetFileName(path);
            var (accepted, reason, meaning) = Submit(File.ReadAllBytes(path), file);
            if (!accepted)
            {
                refusals.Add($"{file}: {reason}");
            }

            failures.AddRange(meaning.Select(m => $"{file}: meaning lost: {m}"));
            if (!expected.TryGetValue(file, out var want))
            {
                failures.Add($"{file}: not in EXPECTED.tsv (it was {(accepted ? "accepted" : "refused: " + reason)})");
            }
            else if (accepted != (want.Outcome == "accepted") || (!accepted && !reason!.Contains(want.Named, StringComparison.Ordinal)))
            {
                failures.Add($"{file}: expected {want.Outcome} {want.Named}, was {(accepted ? "accepted" : "refused: " + reason)}");
            }
        }

        output.WriteLine($"accepted {scripts.Count - refusals.Count} of {scripts.Count}");
        refusals.ForEach(output.WriteLine);
        Assert.True(scripts.Count >= 10, $"only {scripts.Count} scripts in {Directory}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static (bool Accepted, string? Reason, List<string> Meaning) Submit(byte[] bytes, string file)
    {
        JobSpec spec;
        try
        {
            spec = QsubRequestMapper.Map(OptionParser.Parse<QsubOptions>("qsub", ["-h"], TextWriter.Null)!, QsubSource.ScriptFile(file, bytes, []), Context);
        }
        catch (CliFailureException e)
        {
            return (false, e.Message.Replace('\n', ' '), []);
        }

        // The server's checks, with every job the scripts depend on known and the site's queue being the one they name.
        var known = new Job { Id = 1, Spec = spec with { Dependencies = [] }, Owner = new JobOwner(1000, 1000, "alice"), SubmitTime = DateTimeOffset.UnixEpoch, State = JobState.Queued, Tasks = [] };
        var server = SubmissionValidator.Validate(spec with { Resources = spec.Resources.MemoryBytesPerChunk == 0 ? spec.Resources with { MemoryBytesPerChunk = 256L << 20 } : spec.Resources }, Nodes, _ => known, Site);
        return server is not null ? (false, server, []) : (true, null, DirectiveMeaning.Differences(Encoding.UTF8.GetString(bytes), spec));
    }
}
