using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("calibrate", HelpText = "Measure the migration cost model on the running world (moves of small checkpointing jobs) and print the overheads and mfscosts lines; --write applies them.")]
public sealed class CalibrateOptions
{
    public const string DefaultSizes = "0,8,32";
    public const int DefaultRepeat = 3;

    [Option("sizes", HelpText = "Checkpoint ballast sizes in MiB, comma-separated, at least two different (default 0,8,32).")]
    public string Sizes { get; set; } = DefaultSizes;

    [Option("repeat", HelpText = "Measured moves per size (default 3), after one unmeasured warm-up move each.")]
    public int Repeat { get; set; } = DefaultRepeat;

    [Option("write", HelpText = "Apply the values to the running world, as omb tune set and omb tune mfs set do (administrators); the server stores them in OMB_HOME/tunables/.")]
    public bool Write { get; set; }

    [Option("conf", HelpText = "Also write DIR/overheads and DIR/mfscosts (temporary file + rename), e.g. --conf conf for the repository's defaults.")]
    public string? ConfDirectory { get; set; }

    [Option('v', "verbose", HelpText = "Print each move, the fit and what each value is on stderr.")]
    public bool Verbose { get; set; }
}
