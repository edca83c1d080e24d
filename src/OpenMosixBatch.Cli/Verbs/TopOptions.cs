using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("top", HelpText = "Live view of the cluster: node bars (keys l load, m memory, s speed), utilisation against thresholds, jobs, running tasks, migrations; q quits.")]
public sealed class TopOptions
{
    [Option('d', "delay", Default = 1.0, HelpText = "Seconds between refreshes (0.2 to 60).")]
    public double Delay { get; set; } = 1.0;

    [Option('n', "iterations", HelpText = "Stop after this many frames (default: until q or Ctrl-C).")]
    public int? Iterations { get; set; }

    [Option('b', "batch", HelpText = "Plain listing, one frame after another, no terminal control (as when stdout is not a terminal).")]
    public bool Batch { get; set; }
}
