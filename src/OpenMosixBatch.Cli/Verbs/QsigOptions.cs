using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("qsig", HelpText = "Send a signal to running jobs: qsig [-s SIGNAL] ID... (SIGNAL: a name or number, default SIGTERM; suspend or resume for administrators).")]
public sealed class QsigOptions
{
    public const string DefaultSignal = "SIGTERM";

    [Option('s', HelpText = "The signal: TERM, SIGUSR1, 2, ..., or suspend / resume (default SIGTERM).")]
    public string? Signal { get; set; }

    [Value(0, MetaName = "ID", HelpText = "Job ids: 42, 42.host, 42[], 42[3].")]
    public IEnumerable<string> Ids { get; set; } = [];
}
