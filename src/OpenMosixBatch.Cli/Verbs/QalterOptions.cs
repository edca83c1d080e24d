using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>qalter's options: qsub's spelling of what may change after submission.</summary>
[Verb("qalter", HelpText = "Change jobs that have not started (a running job: only -l walltime/cput): qalter [options] ID...")]
public sealed class QalterOptions
{
    [Option('N', HelpText = "New job name.")]
    public string? Name { get; set; }

    [Option('p', HelpText = "New priority, -1024..1023; higher runs first.")]
    public string? Priority { get; set; }

    [Option('h', HelpText = "Hold: u puts a user hold on the job, n releases it.")]
    public string? Hold { get; set; }

    [Option('l', HelpText = "Resources to change, repeatable: walltime=01:00:00, select=1:ncpus=2:mem=2gb, ...")]
    public IEnumerable<string> ResourceLists { get; set; } = [];

    [Option('W', HelpText = "depend=afterok:12:13 (replaces the job's dependencies; depend= alone drops them).")]
    public IEnumerable<string> Attributes { get; set; } = [];

    [Option('o', HelpText = "New output file.")]
    public string? OutputPath { get; set; }

    [Option('e', HelpText = "New error file.")]
    public string? ErrorPath { get; set; }

    [Option('t', HelpText = "An array's limit of elements running at once: %N.")]
    public string? ArrayLimit { get; set; }

    [Option('c', HelpText = "Checkpoints: n, enabled, or periodic=MINUTES, with optional signal= and exit=.")]
    public string? Checkpoint { get; set; }

    [Value(0, MetaName = "ID", HelpText = "Job ids: 42, 42.host, 42[].")]
    public IEnumerable<string> Ids { get; set; } = [];
}
