using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>
/// qsub's options. The same class parses the command line and the script's #PBS/#OMB directives; scalar values are
/// null when not given so that the command line can override directives (<see cref="Submission.QsubOptionsMerge"/>).
/// The script, its arguments or the <c>-- command</c> are split off before parsing (<see cref="Parsing.QsubArgumentSplitter"/>).
/// </summary>
[Verb("qsub", HelpText = "Submit a job: qsub [options] script [args] | qsub [options] -- command [args] | qsub [options] < script")]
public sealed class QsubOptions
{
    /// <summary>The short options that take no value; every other qsub option takes one.</summary>
    public static readonly IReadOnlySet<char> Flags = new HashSet<char> { 'h', 'V', 'I', 'n' };

    [Option('I', HelpText = "Interactive: wait for the job to start, then a shell (or the command after --) on its node in this terminal.")]
    public bool Interactive { get; set; }

    [Option('N', HelpText = "Job name (default: the script's file name, STDIN, or the command's name).")]
    public string? Name { get; set; }

    [Option('q', HelpText = "Queue (default: batch).")]
    public string? Queue { get; set; }

    [Option('l', HelpText = "Resource list, repeatable: nodes=1:ppn=2,mem=2gb,walltime=01:00:00 or select=1:ncpus=2:mem=2gb.")]
    public IEnumerable<string> ResourceLists { get; set; } = [];

    [Option('o', HelpText = "Output file (default NAME.oID in the submit directory).")]
    public string? OutputPath { get; set; }

    [Option('e', HelpText = "Error file (default NAME.eID in the submit directory).")]
    public string? ErrorPath { get; set; }

    [Option('j', HelpText = "Join output and error: oe, eo or n.")]
    public string? Join { get; set; }

    [Option('t', HelpText = "Job array: 1-10, 1-10:2, 1,3,5-7, with an optional %N limit on concurrent elements.")]
    public string? ArrayRange { get; set; }

    [Option('J', HelpText = "Job array, PBS Pro spelling of -t.")]
    public string? ArrayRangeAlias { get; set; }

    [Option('W', HelpText = "Attributes, repeatable: depend=afterok:12:13,afterany:14.")]
    public IEnumerable<string> Attributes { get; set; } = [];

    [Option('h', HelpText = "Submit with a user hold (release with qrls).")]
    public bool Hold { get; set; }

    [Option('n', HelpText = "Node-exclusive (Torque): no other job runs on the job's nodes while it runs, as -l place=excl.")]
    public bool NodeExclusive { get; set; }

    [Option('p', HelpText = "Priority, -1024..1023; higher runs first.")]
    public string? Priority { get; set; }

    [Option('v', HelpText = "Environment variables for the job, repeatable: VAR=value,VAR2 (a bare name copies qsub's value).")]
    public IEnumerable<string> Variables { get; set; } = [];

    [Option('V', HelpText = "Pass qsub's whole environment to the job.")]
    public bool ExportEnvironment { get; set; }

    [Option('r', HelpText = "Rerunnable after a node failure: y or n (default y).")]
    public string? Rerunnable { get; set; }

    [Option('c', HelpText = "Checkpoints: n (default), enabled, or periodic=MINUTES, with optional signal=USR1 and exit=85, e.g. -c periodic=5,signal=USR2.")]
    public string? Checkpoint { get; set; }

    [Option("run-home", HelpText = "Never migrate the job's tasks once started (like mosrun -h; same as -l migratable=false).")]
    public bool RunHome { get; set; }

    [Option('d', HelpText = "Working directory of the job (default: the current directory).")]
    public string? WorkingDirectory { get; set; }

    [Option('w', HelpText = "Working directory, alias of -d.")]
    public string? WorkingDirectoryAlias { get; set; }

    [Option('A', HelpText = "Account to charge (recorded, shown by qstat -f).")]
    public string? Account { get; set; }

    [Option('P', HelpText = "Project (recorded, shown by qstat -f).")]
    public string? Project { get; set; }

    [Option('m', HelpText = "Mail when the job aborts (a), begins (b), ends (e), any of them, or never (n); default a.")]
    public string? MailEvents { get; set; }

    [Option('M', HelpText = "Mail addresses, comma-separated (default: the job's owner).")]
    public string? MailUsers { get; set; }

    [Option('S', HelpText = "Shell that runs the script, whatever its #! line says: -S /bin/bash.")]
    public string? Shell { get; set; }

    [Option('k', HelpText = "Keep output on the execution host (Torque/PBS): accepted when the site lists -k in Omb:Submission:IgnoredOptions; output always goes to its final path.")]
    public string? Keep { get; set; }
}
