namespace OpenMosixBatch.Core.Cluster;

/// <summary>
/// What may stand in a node's "host": a host name (RFC 1123 labels) or an IPv4 address. mpiexec's host list uses ':'
/// and ',' itself, so IPv6 literals and anything with spaces or quotes cannot pass through it.
/// </summary>
public static class HostName
{
    public static bool IsValid(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Length is > 0 and <= 253 && host.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
