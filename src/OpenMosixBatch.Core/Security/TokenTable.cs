using System.Globalization;
using System.Text;

namespace OpenMosixBatch.Core.Security;

/// <summary>
/// The text of the server's token file (OMB_HOME/tokens): one line per user, <c>UID GID SHA256-HEX EXPIRES</c>,
/// EXPIRES in UTC (ISO 8601); blank lines and lines starting with '#' are ignored.
/// </summary>
public static class TokenTable
{
    private const string Header = "# omb tokens: uid gid sha256-of-token expires-utc (written by the server; do not share)";

    /// <summary>The records by uid, or throws <see cref="InvalidDataException"/> naming the first bad line and the fix.</summary>
    public static Dictionary<uint, TokenRecord> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new Dictionary<uint, TokenRecord>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 4
                || !uint.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                || !uint.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
                || f[2].Length != AccessToken.DigestBytes * 2 || !IsHex(f[2])
                || !DateTimeOffset.TryParse(f[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            {
                throw new InvalidDataException($"{source} line {number} is not 'UID GID SHA256-HEX EXPIRES': delete the line (that user runs 'omb token' again)");
            }

            records[uid] = new TokenRecord(uid, gid, Convert.FromHexString(f[2]), expires);
        }

        return records;
    }

    /// <summary>The file's text for <paramref name="records"/>, in uid order.</summary>
    public static string Format(IEnumerable<TokenRecord> records)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in records.OrderBy(r => r.Uid))
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Uid} {r.Gid} {Convert.ToHexStringLower(r.Digest)} {r.Expires.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        }

        return text.ToString();
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
