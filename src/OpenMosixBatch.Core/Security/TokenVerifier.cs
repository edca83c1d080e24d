using System.Security.Cryptography;

namespace OpenMosixBatch.Core.Security;

/// <summary>
/// Checks a presented token against the stored records. Every refusal looks alike: a malformed token, an unknown
/// user, a wrong secret and an expired or revoked token all return null, and an unknown user costs the same hash
/// and the same fixed-time comparison as a wrong secret, so that neither the answer nor its timing tells them apart.
/// </summary>
public static class TokenVerifier
{
    private const string Scheme = "Bearer ";

    /// <summary>Compared against when the uid has no record, so that an unknown user costs what a known one does.</summary>
    private static readonly byte[] NoDigest = new byte[AccessToken.DigestBytes];

    /// <summary>The token of an <c>Authorization: Bearer TOKEN</c> header, or null when there is none.</summary>
    public static string? FromAuthorizationHeader(string? header)
    {
        if (header is null || header.Length > Scheme.Length + AccessToken.MaxLength
            || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>The record the token proves, or null (for every kind of failure alike).</summary>
    /// <param name="token">The presented token, possibly null or malformed.</param>
    /// <param name="find">The stored record of a uid, or null when it has none (never issued, or revoked).</param>
    /// <param name="now">Expired records are refused.</param>
    public static TokenRecord? Verify(string? token, Func<uint, TokenRecord?> find, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(find);
        var wellFormed = AccessToken.TryParse(token, out var uid);
        var record = wellFormed ? find(uid) : null;
        var expected = record is { Digest.Length: AccessToken.DigestBytes } ? record.Digest : NoDigest;

        // Hash whatever came (bounded by AccessToken.MaxLength when well formed, else a fixed stand-in), then compare
        // equal-length digests in fixed time.
        var presented = AccessToken.Digest(wellFormed ? token! : string.Empty);
        var match = CryptographicOperations.FixedTimeEquals(presented, expected);
        return match && wellFormed && record is not null && record.Uid == uid && now < record.Expires ? record : null;
    }
}
