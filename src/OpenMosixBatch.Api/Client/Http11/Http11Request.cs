using System.Text;

namespace OpenMosixBatch.Api.Client.Http11;

/// <summary>
/// One HTTP/1.1 request as bytes: request line, Host, an optional bearer token, a Content-Length JSON body, and
/// Connection: close (one request per connection, so the answer ends where the server says and nothing lingers) unless
/// the connection is kept for the next request (<paramref name="keepAlive"/>: HTTP/1.1's default, so no header).
/// </summary>
public static class Http11Request
{
    public static byte[] Format(string method, string pathAndQuery, string host, string? bearerToken, ReadOnlySpan<byte> jsonBody, bool keepAlive = false)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        RequireHeaderText(pathAndQuery, nameof(pathAndQuery));
        RequireHeaderText(host, nameof(host));
        if (bearerToken is not null)
        {
            RequireHeaderText(bearerToken, nameof(bearerToken));
        }

        var head = new StringBuilder(160)
            .Append(method).Append(' ')
            .Append(pathAndQuery.StartsWith('/') ? "" : "/").Append(pathAndQuery)
            .Append(" HTTP/1.1\r\nHost: ").Append(host)
            .Append(keepAlive ? "\r\n" : "\r\nConnection: close\r\n").Append("Accept: application/json\r\n");
        if (bearerToken is not null)
        {
            head.Append("Authorization: Bearer ").Append(bearerToken).Append("\r\n");
        }

        if (!jsonBody.IsEmpty || method is "POST" or "PUT")
        {
            head.Append("Content-Type: application/json; charset=utf-8\r\nContent-Length: ").Append(jsonBody.Length).Append("\r\n");
        }

        var text = head.Append("\r\n").ToString();
        var headBytes = Encoding.ASCII.GetByteCount(text);
        var bytes = new byte[headBytes + jsonBody.Length];
        Encoding.ASCII.GetBytes(text, bytes);
        jsonBody.CopyTo(bytes.AsSpan(headBytes));
        return bytes;
    }

    /// <summary>A line break or control character would end the header early and let the rest pass as headers of its own.</summary>
    private static void RequireHeaderText(string text, string name)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"{name} may hold only printable ASCII in an HTTP header", name);
            }
        }
    }
}
