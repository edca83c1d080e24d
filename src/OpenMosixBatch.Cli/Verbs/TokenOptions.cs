using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>omb token: the caller's token for the server's TCP listener, written to ~/.omb/token (like scontrol token).</summary>
[Verb("token", HelpText = "Issue (or rotate) your token for the server's TCP listener and write it to ~/.omb/token (mode 0600); run on the server's host. The previous token stops working.")]
public sealed class TokenOptions
{
    [Option("revoke", HelpText = "Withdraw your token instead (and delete ~/.omb/token).")]
    public bool Revoke { get; set; }
}
