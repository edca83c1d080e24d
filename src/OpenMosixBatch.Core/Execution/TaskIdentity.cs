using System.Globalization;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// Who a task runs as, as the node hands it to <c>omb-shepherd --as UID:GID:USER</c>: the uid and gid, and the account
/// whose supplementary groups it gets (the node looks them up and passes them with --groups). A colon cannot be part of
/// an account name (it separates the fields of /etc/passwd), so the three fields split unambiguously.
/// </summary>
public readonly record struct TaskIdentity(uint Uid, uint Gid, string UserName)
{
    /// <summary>The omb-shepherd option that carries it.</summary>
    public const string Option = "--as";

    public string ToArgument() => string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}:{UserName}");

    /// <summary>The identity in <paramref name="text"/>, or null when it is not UID:GID:USER with a non-empty user.</summary>
    public static TaskIdentity? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        return parts is [var uid, var gid, { Length: > 0 } user]
            && uint.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
            && uint.TryParse(gid, NumberStyles.None, CultureInfo.InvariantCulture, out var g)
            ? new TaskIdentity(u, g, user)
            : null;
    }
}
