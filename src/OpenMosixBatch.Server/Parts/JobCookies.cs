using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenMosixBatch.Server.Parts;

/// <summary>
/// Each task's cookie (PBS's TM job cookie): an HMAC of the task's id under a key only the server reads
/// (<c>OMB_HOME/job-cookie.key</c>, mode 0600, made on first use), so the server checks a cookie without storing one,
/// and a cookie stays valid across a server restart. A task gets it in its environment (<c>OMB_JOB_COOKIE</c>), which only
/// its user and root can read; <c>omb rsh</c> shows it to prove it runs inside the task.
/// </summary>
public sealed class JobCookies
{
    public const string KeyFileName = "job-cookie.key";
    private const int KeyBytes = 32;
    private readonly byte[] _key;

    public JobCookies(string home)
    {
        var path = Path.Combine(home, KeyFileName);
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: KeyBytes } kept)
        {
            _key = kept;
            return;
        }

        _key = RandomNumberGenerator.GetBytes(KeyBytes);
        using (var file = new FileStream(path + ".tmp", new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(_key);
            file.Flush(flushToDisk: true);
        }

        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The cookie of task <paramref name="taskIndex"/> of job <paramref name="jobId"/> (64 hex digits).</summary>
    public string Of(long jobId, int taskIndex) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{jobId}.{taskIndex}"))));

    /// <summary>Whether <paramref name="shown"/> is the task's cookie, compared in constant time.</summary>
    public bool Matches(long jobId, int taskIndex, string? shown) =>
        shown is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(jobId, taskIndex)), Encoding.ASCII.GetBytes(shown));
}
