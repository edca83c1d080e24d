using System.Globalization;
using System.Runtime.InteropServices;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// RLIMIT_NOFILE (ulimit -n): raised at start from its soft to its hard limit, as most daemons do, and checked
/// against the connection limits, so that those limits are reached long before the server runs out of descriptors.
/// </summary>
public static partial class OpenFileLimit
{
    /// <summary>
    /// Descriptors kept for the server's own use beyond its users' connections: the database and its log, the world's
    /// connections (not counted), checkpoint files in flight, /proc reads, Kestrel's and the runtime's own.
    /// </summary>
    public const int Reserve = 1024;

    private const int NoFile = 7;

    /// <summary>Raises the soft limit to the hard one; returns the soft limit in force afterwards (0 when unknown).</summary>
    public static ulong Raise()
    {
        var limit = default(Limit);
        if (GetLimit(NoFile, ref limit) != 0)
        {
            return 0;
        }

        if (limit.Current < limit.Maximum)
        {
            var raised = limit with { Current = limit.Maximum };
            if (SetLimit(NoFile, ref raised) == 0)
            {
                return raised.Current;
            }
        }

        return limit.Current;
    }

    /// <summary>Null when <paramref name="limit"/> descriptors hold every connection the options allow and the reserve; else one line naming the fix.</summary>
    public static string? Check(ulong limit, LimitsOptions limits, TcpOptions tcp)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(tcp);
        var tcpConnections = tcp.Listen.Length > 0 ? tcp.MaxConnections : 0;
        var needed = (ulong)limits.MaxConnections + (ulong)tcpConnections + Reserve;
        if (limit == 0 || limit >= needed)
        {
            return null;
        }

        var tcpPart = tcpConnections > 0 ? string.Create(CultureInfo.InvariantCulture, $" + {TcpOptions.MaxConnectionsKey} ({tcpConnections})") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"the open-file limit (ulimit -n) is {limit}, below the {needed} that {LimitsOptions.MaxConnectionsKey} ({limits.MaxConnections}){tcpPart} + {Reserve} for the server's own files need: raise the hard limit (ulimit -Hn, or LimitNOFILE= in its systemd unit) or lower those limits");
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetLimit(int resource, ref Limit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetLimit(int resource, ref Limit limit);

    [StructLayout(LayoutKind.Sequential)]
    private record struct Limit(ulong Current, ulong Maximum);
}
