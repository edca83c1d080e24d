using System.Globalization;
using System.Net;

namespace OpenMosixBatch.Server.Options;

/// <summary>Reads <see cref="TcpOptions.Listen"/>: an IP address literal with an explicit port (no host names, so the bound address is never a surprise).</summary>
public static class TcpEndpoint
{
    /// <summary>The endpoint, or null with the reason in <paramref name="error"/> (one line naming the key and an example).</summary>
    public static IPEndPoint? Parse(string text, out string? error)
    {
        error = null;
        var colon = text.LastIndexOf(':');
        var bracketed = text.StartsWith('[');
        if (colon < 1 || (bracketed && text[colon - 1] != ']') || (!bracketed && text.IndexOf(':') != colon)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535
            || !IPAddress.TryParse(bracketed ? text.AsSpan(1, colon - 2) : text.AsSpan(0, colon), out var address))
        {
            error = $"{TcpOptions.ListenKey} is '{text}': use an IP address and a port from 1 to 65535, e.g. 127.0.0.1:7070 or [::1]:7070 (empty: no TCP listener)";
            return null;
        }

        return new IPEndPoint(address, port);
    }
}
