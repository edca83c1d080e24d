using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Bench;

/// <summary>The kinds of job bench/soak.sh mixes, each printing something derived from its own parameters.</summary>
public enum SoakKind
{
    /// <summary>jobs/cpu-bound.sh N: a short CPU job printing the sum of 1..N.</summary>
    Sum,

    /// <summary>jobs/array.sh as an array 1..K: each element prints its index squared.</summary>
    Array,

    /// <summary>jobs/cpu-bound.sh N after (afterok) an earlier Sum job.</summary>
    Dependent,

    /// <summary>qsub -- /bin/echo soak TAG N: a command job.</summary>
    Command,

    /// <summary>jobs/ckpt-sum.sh N STEP with periodic checkpoints: resumes from its checkpoint after a lost node.</summary>
    Checkpoint,
}

/// <summary>
/// One soak submission: its tag (the soak's own number for it), the attempt (a retry after an unanswered submission
/// is a new attempt with its own name and output file, since the unanswered one may have been stored), and its
/// parameters. One ledger line each, written when the server acknowledged it.
/// </summary>
public sealed record SoakJob(int Tag, int Attempt, SoakKind Kind, long N, int K, long Step, long DependsOn)
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"soak{Tag}a{Attempt}");

    public int TaskCount => Kind == SoakKind.Array ? K : 1;

    /// <summary>Output path relative to the submit directory; arrays get one file per element.</summary>
    public string OutputPath => Kind == SoakKind.Array ? $"out/{Name}.^array_index^.out" : $"out/{Name}.out";

    public string OutputOf(int index) => Kind == SoakKind.Array
        ? string.Create(CultureInfo.InvariantCulture, $"out/{Name}.{index}.out")
        : $"out/{Name}.out";

    /// <summary>The exact output a correct run of element <paramref name="index"/> leaves; null for a checkpointing job (see <see cref="IsRightOutput"/>).</summary>
    public string? ExpectedOutput(int index) => Kind switch
    {
        SoakKind.Sum or SoakKind.Dependent => string.Create(CultureInfo.InvariantCulture, $"sum 1..{N} = {Triangle(N)} (expected {Triangle(N)})\n"),
        SoakKind.Array => string.Create(CultureInfo.InvariantCulture, $"element {index}: {index * index}\n"),
        SoakKind.Command => string.Create(CultureInfo.InvariantCulture, $"soak {Tag} {N}\n"),
        _ => null,
    };

    /// <summary>
    /// True when <paramref name="text"/> is what element <paramref name="index"/> must print. A checkpointing job also
    /// prints how often it resumed, which depends on the faults, so only its sum is fixed (and the counts must be numbers).
    /// </summary>
    public bool IsRightOutput(int index, string text)
    {
        if (ExpectedOutput(index) is { } expected)
        {
            return text == expected;
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"sum {Triangle(N)} expected {Triangle(N)} resumes ");
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || !text.EndsWith('\n'))
        {
            return false;
        }

        var rest = text[prefix.Length..^1].Split(' ');
        return rest.Length == 3 && rest[1] == "restart_count" && int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && int.TryParse(rest[2], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>How often a checkpointing job's output says it resumed from its checkpoint, else 0.</summary>
    public static int ResumesIn(string text)
    {
        var words = text.Split(' ');
        var at = Array.IndexOf(words, "resumes");
        return at >= 0 && at + 1 < words.Length && int.TryParse(words[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    public JobSpec ToSpec(string jobsDirectory, string workDirectory)
    {
        var walltime = Kind == SoakKind.Checkpoint ? TimeSpan.FromHours(2) : TimeSpan.FromMinutes(30);
        var spec = new JobSpec
        {
            Name = Name,
            WorkingDirectory = workDirectory,
            SubmitDirectory = workDirectory,
            OutputPath = Path.Combine(workDirectory, OutputPath),
            Join = JoinMode.OutputAndError,
            Resources = new ResourceRequest(MemoryBytesPerChunk: 64L << 20, Walltime: walltime),
        };
        string Script(string file) => File.ReadAllText(Path.Combine(jobsDirectory, file));
        string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
        return Kind switch
        {
            SoakKind.Sum => spec with { Script = Script("cpu-bound.sh"), Arguments = [Number(N)] },
            SoakKind.Dependent => spec with { Script = Script("cpu-bound.sh"), Arguments = [Number(N)], Dependencies = [new Dependency(DependencyType.AfterOk, DependsOn)] },
            SoakKind.Array => spec with
            {
                Script = Script("array.sh"),
                Array = new ArraySpec([.. Enumerable.Range(1, K)], Step > 0 ? (int)Step : null),
            },
            SoakKind.Command => spec with { Command = ["/bin/echo", "soak", Number(Tag), Number(N)] },
            _ => spec with
            {
                Script = Script("ckpt-sum.sh"),
                Arguments = [Number(N), Number(Step)],
                Checkpoint = new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(1)),
            },
        };
    }

    public string ToLedgerLine() => string.Create(CultureInfo.InvariantCulture, $"{Tag}\t{Attempt}\t{Kind}\t{N}\t{K}\t{Step}\t{DependsOn}");

    public static SoakJob FromLedgerFields(string[] f) => new(
        int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), Enum.Parse<SoakKind>(f[2]),
        long.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture),
        long.Parse(f[6], CultureInfo.InvariantCulture));

    private static long Triangle(long n) => n * (n + 1) / 2;
}
