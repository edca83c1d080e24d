using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>omb backup: a backup of the job database now, into OMB_HOME/backup/ (administrators).</summary>
[Verb("backup", HelpText = "Write a consistent backup of the server's job database now into OMB_HOME/backup/ and print its path (administrators); restore with 'omb server --restore-backup'.")]
public sealed class BackupOptions
{
    [Option("json", HelpText = "Print the result as JSON.")]
    public bool Json { get; set; }
}
