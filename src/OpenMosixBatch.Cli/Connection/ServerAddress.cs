using System.Globalization;

namespace OpenMosixBatch.Cli.Connection;

/// <summary>The <c>--server HOST:PORT</c> (or <c>OMB_SERVER</c>) of a server's TCP listener: a host name or IP, "[v6]" in brackets, and a port.</summary>
public sealed record ServerAddress(string Host, int Port)
{
    /// <summary>The address, or throws a usage error naming the value and an example.</summary>
    public static ServerAddress Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        var host = colon < 1 ? string.Empty : text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            host = string.Empty;
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '@' or '[' or ']' or '?' or '#')
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw CliFailureException.Usage($"{source} '{Core.Parsing.InputText.Quote(text)}' is not HOST:PORT: use e.g. {source} headnode:7070 or 127.0.0.1:7070 ([::1]:7070 for IPv6)");
        }

        return new ServerAddress(host, port);
    }
}
