using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Parsing;

/// <summary>The plain-list readers of the verbs a shell loop calls: qsub (and its directives), qstat, qdel, qhold, qrls, qselect, qsig, qrerun, qalter.</summary>
public static class PlainOptionParsers
{
    public static readonly PlainOptionParser<QsubOptions> Qsub = new PlainOptionParser<QsubOptions>()
        .Scalar('N', (o, v) => o.Name = v)
        .Scalar('q', (o, v) => o.Queue = v)
        .Sequence('l', (o, v) => o.ResourceLists = v)
        .Scalar('o', (o, v) => o.OutputPath = v)
        .Scalar('e', (o, v) => o.ErrorPath = v)
        .Scalar('j', (o, v) => o.Join = v)
        .Scalar('t', (o, v) => o.ArrayRange = v)
        .Scalar('J', (o, v) => o.ArrayRangeAlias = v)
        .Sequence('W', (o, v) => o.Attributes = v)
        .Flag("h", o => o.Hold = true)
        .Scalar('p', (o, v) => o.Priority = v)
        .Sequence('v', (o, v) => o.Variables = v)
        .Flag("V", o => o.ExportEnvironment = true)
        .Scalar('r', (o, v) => o.Rerunnable = v)
        .Scalar('c', (o, v) => o.Checkpoint = v)
        .Flag("run-home", o => o.RunHome = true)
        .Scalar('d', (o, v) => o.WorkingDirectory = v)
        .Scalar('w', (o, v) => o.WorkingDirectoryAlias = v)
        .Scalar('A', (o, v) => o.Account = v)
        .Scalar('P', (o, v) => o.Project = v)
        .Scalar('m', (o, v) => o.MailEvents = v)
        .Scalar('M', (o, v) => o.MailUsers = v)
        .Scalar('S', (o, v) => o.Shell = v)
        .Scalar('k', (o, v) => o.Keep = v);

    public static readonly PlainOptionParser<QstatOptions> Qstat = new PlainOptionParser<QstatOptions>()
        .Flag("f", o => o.Full = true)
        .Scalar('u', (o, v) => o.User = v)
        .Flag("x", o => o.IncludeFinished = true)
        .Flag("t", o => o.ExpandTasks = true)
        .Flag("T", o => o.EstimatedStart = true)
        .Flag("Q", o => o.Queues = true)
        .Flag("B", o => o.ServerStatus = true)
        .Flag("json", o => o.Json = true)
        .Values((o, v) => o.Ids = v);

    public static readonly PlainOptionParser<QdelOptions> Qdel = new PlainOptionParser<QdelOptions>().Values((o, v) => o.Ids = v);

    public static readonly PlainOptionParser<QholdOptions> Qhold = new PlainOptionParser<QholdOptions>().Values((o, v) => o.Ids = v);

    public static readonly PlainOptionParser<QrlsOptions> Qrls = new PlainOptionParser<QrlsOptions>().Values((o, v) => o.Ids = v);

    public static readonly PlainOptionParser<QselectOptions> Qselect = new PlainOptionParser<QselectOptions>()
        .Scalar('u', (o, v) => o.Users = v)
        .Scalar('s', (o, v) => o.States = v)
        .Scalar('N', (o, v) => o.Name = v)
        .Scalar('q', (o, v) => o.Queue = v)
        .Sequence('l', (o, v) => o.Resources = v)
        .Flag("x", o => o.IncludeFinished = true)
        // No positional destination here: CommandLineParser gives a repeated -l every value that follows it, so a
        // list with one is left to it, to read the same way.
        .Flag("json", o => o.Json = true);

    public static readonly PlainOptionParser<QsigOptions> Qsig = new PlainOptionParser<QsigOptions>()
        .Scalar('s', (o, v) => o.Signal = v)
        .Values((o, v) => o.Ids = v);

    public static readonly PlainOptionParser<QrerunOptions> Qrerun = new PlainOptionParser<QrerunOptions>().Values((o, v) => o.Ids = v);

    public static readonly PlainOptionParser<QalterOptions> Qalter = new PlainOptionParser<QalterOptions>()
        .Scalar('N', (o, v) => o.Name = v)
        .Scalar('p', (o, v) => o.Priority = v)
        .Scalar('h', (o, v) => o.Hold = v)
        .Sequence('l', (o, v) => o.ResourceLists = v)
        .Sequence('W', (o, v) => o.Attributes = v)
        .Scalar('o', (o, v) => o.OutputPath = v)
        .Scalar('e', (o, v) => o.ErrorPath = v)
        .Scalar('t', (o, v) => o.ArrayLimit = v)
        .Scalar('c', (o, v) => o.Checkpoint = v)
        .Values((o, v) => o.Ids = v);

    /// <returns>The options when <typeparamref name="T"/> has a plain reader and <paramref name="args"/> is plain, else null.</returns>
    public static T? TryParse<T>(IReadOnlyList<string> args) =>
        typeof(T) == typeof(QsubOptions) ? (T?)(object?)Qsub.TryParse(args)
        : typeof(T) == typeof(QstatOptions) ? (T?)(object?)Qstat.TryParse(args)
        : typeof(T) == typeof(QdelOptions) ? (T?)(object?)Qdel.TryParse(args)
        : typeof(T) == typeof(QholdOptions) ? (T?)(object?)Qhold.TryParse(args)
        : typeof(T) == typeof(QrlsOptions) ? (T?)(object?)Qrls.TryParse(args)
        : typeof(T) == typeof(QselectOptions) ? (T?)(object?)Qselect.TryParse(args)
        : typeof(T) == typeof(QsigOptions) ? (T?)(object?)Qsig.TryParse(args)
        : typeof(T) == typeof(QrerunOptions) ? (T?)(object?)Qrerun.TryParse(args)
        : typeof(T) == typeof(QalterOptions) ? (T?)(object?)Qalter.TryParse(args)
        : default;
}
