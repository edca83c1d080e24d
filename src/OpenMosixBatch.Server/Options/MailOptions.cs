namespace OpenMosixBatch.Server.Options;

/// <summary>Section "Omb:Mail": how the mails jobs ask for with -m/-M leave the server.</summary>
public sealed class MailOptions
{
    public const string SendmailKey = "Omb:Mail:Sendmail";

    /// <summary>
    /// The host's sendmail (e.g. /usr/sbin/sendmail), run as <c>sendmail -t</c> with the message on stdin; empty (the
    /// default) records the mail in the server log instead, with one warning.
    /// </summary>
    public string Sendmail { get; set; } = "";

    /// <summary>The problem with the settings, or null.</summary>
    public string? Problem() => Sendmail.Length == 0 || Path.IsPathRooted(Sendmail)
        ? null
        : $"{SendmailKey} is '{Sendmail}': give the absolute path of the host's sendmail, e.g. /usr/sbin/sendmail, or leave it empty to record mail in the log";
}
