using System.Text;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// A task's environment as the node hands it to the task's launcher on a pipe: <c>NAME=VALUE</c> entries in UTF-8,
/// each ended by a NUL byte (the layout of /proc/PID/environ).
/// </summary>
/// <remarks>
/// It travels on a pipe because argv is public: every user reads every process's /proc/PID/cmdline, so a job's
/// <c>-v</c> values passed as arguments (as to <c>env NAME=VALUE…</c>) were readable by anyone during the launch.
/// </remarks>
public static class EnvironmentBlock
{
    /// <summary>
    /// The block for <paramref name="environment"/>, sorted by name. An entry that cannot be an environment variable is
    /// left out: a name that is empty or holds '=' (the value would start at its '='), or a name or value holding NUL
    /// (which ends a C string).
    /// </summary>
    public static byte[] Encode(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var block = new List<byte>();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (IsPossible(name, value))
            {
                block.AddRange(Encoding.UTF8.GetBytes(name + "=" + value));
                block.Add(0);
            }
        }

        return [.. block];
    }

    /// <summary>
    /// The entries of a block, as raw bytes without their NUL; a trailing entry without its NUL counts, and an empty
    /// entry or one without a name before its '=' is dropped (a block is the node's, but its reader trusts no layout).
    /// </summary>
    public static List<byte[]> Decode(ReadOnlySpan<byte> block)
    {
        var entries = new List<byte[]>();
        while (!block.IsEmpty)
        {
            var end = block.IndexOf((byte)0);
            var entry = end < 0 ? block : block[..end];
            if (entry.IndexOf((byte)'=') > 0)
            {
                entries.Add(entry.ToArray());
            }

            block = end < 0 ? [] : block[(end + 1)..];
        }

        return entries;
    }

    private static bool IsPossible(string name, string value) =>
        name.Length > 0 && !name.Contains('=', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal)
        && !value.Contains('\0', StringComparison.Ordinal);
}
