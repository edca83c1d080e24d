using System.Diagnostics;

namespace OpenMosixBatch.Tests.Shared;

/// <summary>
/// A small tmpfs mounted on a fresh directory, so a test can fill a real file system; unmounted and removed on
/// dispose, also when the test failed. Mounting needs root: <see cref="TryMount"/> says why it could not.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The mount, or null and the reason the test must be skipped.</summary>
    public static (TmpfsMount? Mount, string? SkipReason) TryMount(int megabytes)
    {
        if (Environment.UserName != "root")
        {
            return (null, "disk-full tests mount a tmpfs and need root (run ./run-tests.sh as root)");
        }

        var path = Directory.CreateTempSubdirectory("omb-full-").FullName;
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            return (null, $"mount -t tmpfs failed ({error.Trim()}): disk-full tests need a tmpfs");
        }

        return (new TmpfsMount(path), null);
    }

    /// <summary>Writes zeros into <paramref name="name"/> until the file system refuses (ENOSPC); returns the bytes written.</summary>
    public long Fill(string name)
    {
        var written = 0L;
        var block = new byte[64 * 1024];
        using var stream = new FileStream(File(name), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                stream.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            // Full: a last short block may have gone in; what counts is that nothing more fits.
        }

        // Smaller pieces, until not even a page fits.
        try
        {
            while (true)
            {
                stream.Write(block, 0, 4096);
                written += 4096;
            }
        }
        catch (IOException)
        {
            // Full to the page.
        }

        return written;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaner when the unmount was refused.
        }
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
