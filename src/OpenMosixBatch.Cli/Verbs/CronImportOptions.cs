using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>The argument of <c>omb cron import FILE</c>.</summary>
[Verb("import", HelpText = "Register every schedule of a crontab-style file, all or none: omb cron import FILE")]
public sealed class CronImportOptions
{
    [Value(0, MetaName = "FILE", HelpText = "Crontab-style file, one 'NAME SCHEDULE -- [qsub options] script [args]' a line ('-' for stdin).")]
    public string? File { get; set; }
}
