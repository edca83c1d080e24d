namespace OpenMosixBatch.Server.Identity;

/// <summary>
/// What tells that a file changed without reading it: its modification time and length (one stat). The account
/// tools (useradd, gpasswd, usermod, vipw) write /etc/passwd and /etc/group anew and rename them into place, which
/// sets a new modification time.
/// </summary>
public readonly record struct FileStamp(bool Exists, DateTime LastWriteUtc, long Length)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(true, info.LastWriteTimeUtc, info.Length) : default;
    }
}
