using System.Security.Cryptography;
using OpenMosixBatch.Core.Security;

namespace OpenMosixBatch.Server.Identity;

/// <summary>
/// The server's record of the users' TCP tokens: OMB_HOME/tokens (mode 0600, the server's user only), holding a
/// SHA-256 per uid and never a token. Issuing replaces the user's line, so the token before stops working at once.
/// </summary>
public sealed class TokenStore
{
    public const string FileName = "tokens";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Lock _write = new();
    private readonly string _path;
    private volatile Dictionary<uint, TokenRecord> _records;

    private TokenStore(string path, Dictionary<uint, TokenRecord> records)
    {
        _path = path;
        _records = records;
    }

    public string Path => _path;

    /// <summary>The store of <paramref name="home"/>; throws <see cref="InvalidDataException"/> naming a bad line.</summary>
    public static TokenStore Load(string home)
    {
        var path = System.IO.Path.Combine(home, FileName);
        return new TokenStore(path, File.Exists(path) ? TokenTable.Parse(File.ReadAllText(path), path) : []);
    }

    /// <summary>The record of a uid, or null when it has none. Lock-free: readers see the last committed table.</summary>
    public TokenRecord? Find(uint uid) => _records.GetValueOrDefault(uid);

    /// <summary>A new token for the caller, durably recorded (replacing theirs) before it is returned.</summary>
    public (string Token, DateTimeOffset Expires) Issue(uint uid, uint gid, DateTimeOffset now, TimeSpan lifetime)
    {
        Span<byte> secret = stackalloc byte[AccessToken.SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var token = AccessToken.Format(uid, secret);
        CryptographicOperations.ZeroMemory(secret);
        var expires = now + lifetime;
        Change(records => records[uid] = new TokenRecord(uid, gid, AccessToken.Digest(token), expires));
        return (token, expires);
    }

    /// <summary>Withdraws the uid's token; true when it had one.</summary>
    public bool Revoke(uint uid)
    {
        var had = false;
        Change(records => had = records.Remove(uid));
        return had;
    }

    private void Change(Action<Dictionary<uint, TokenRecord>> change)
    {
        lock (_write)
        {
            var next = new Dictionary<uint, TokenRecord>(_records);
            change(next);
            Write(TokenTable.Format(next.Values));
            _records = next;
        }
    }

    /// <summary>Temporary file created 0600, fsynced, renamed over the old one: never a half-written or readable table.</summary>
    private void Write(string text)
    {
        var temp = _path + ".new";
        File.Delete(temp);
        using (var file = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(text));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, _path, overwrite: true);
    }
}
