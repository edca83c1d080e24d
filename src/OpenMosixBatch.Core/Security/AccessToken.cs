using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenMosixBatch.Core.Security;

/// <summary>
/// The per-user token of the TCP API: <c>omb1.UID.SECRET</c>, SECRET being 32 random bytes in base64url (43
/// characters). The uid in the clear lets the server find the one digest to compare with; the secret is what proves
/// the user, and only its SHA-256 is ever stored.
/// </summary>
public static class AccessToken
{
    public const string Prefix = "omb1.";

    /// <summary>Bytes of randomness in a token: 256 bits, beyond any guessing.</summary>
    public const int SecretBytes = 32;

    /// <summary>Length of a SHA-256 digest, the only form the server keeps.</summary>
    public const int DigestBytes = 32;

    /// <summary>Longest text taken as a token at all (the longest valid one is 5 + 10 + 1 + 43 = 59 characters).</summary>
    public const int MaxLength = 128;

    private static readonly int SecretLength = Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>The token text for <paramref name="uid"/> with <paramref name="secret"/> (from a cryptographic RNG).</summary>
    public static string Format(uint uid, ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretBytes)
        {
            throw new ArgumentException($"a token secret is {SecretBytes} bytes", nameof(secret));
        }

        return Prefix + uid.ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(secret);
    }

    /// <summary>The uid a well-formed token names; false for anything else (the caller must not say which part was wrong).</summary>
    public static bool TryParse(string? text, out uint uid)
    {
        uid = 0;
        if (text is null || text.Length > MaxLength || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot < 1 || dot > 10 || rest.Length - dot - 1 != SecretLength)
        {
            return false;
        }

        var number = rest[..dot];
        foreach (var c in number)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if ((number.Length > 1 && number[0] == '0') || !uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            uid = 0;
            return false;
        }

        var secret = rest[(dot + 1)..];
        Span<byte> bytes = stackalloc byte[SecretBytes];
        if (!Base64Url.IsValid(secret) || Base64Url.DecodeFromChars(secret, bytes) != SecretBytes
            || !secret.SequenceEqual(Base64Url.EncodeToString(bytes)))
        {
            // Only the canonical spelling counts, so that one secret has exactly one token text.
            uid = 0;
            return false;
        }

        return true;
    }

    /// <summary>SHA-256 of the token text: what the server stores and compares, never the token itself.</summary>
    public static byte[] Digest(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }
}
