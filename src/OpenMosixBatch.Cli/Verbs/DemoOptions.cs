using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("demo", HelpText = "Start a server on a scratch OMB_HOME, submit the examples in jobs/, show qstat, the reasons and pbsnodes, then stop it.")]
public sealed class DemoOptions
{
    [Option("jobs", HelpText = "Directory of the example jobs (default: the repository's jobs/).")]
    public string? JobsDirectory { get; set; }
}
