using System.Runtime.CompilerServices;
using System.Text;

namespace OpenMosixBatch.Cli.Parsing;

/// <summary>
/// The name omb was invoked under (argv[0]), kept through a symlink. Environment.ProcessPath resolves symlinks
/// (/proc/self/exe), so it always says omb. Under NativeAOT Environment.GetCommandLineArgs()[0] is the raw argv[0]
/// (e.g. ./qsub); under the JIT apphost it is the path of omb.dll, so there the raw argv[0] is read from /proc/self/cmdline.
/// </summary>
public static class InvokedName
{
    public static string? Resolve()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return Environment.GetCommandLineArgs().FirstOrDefault();
        }

        try
        {
            return FirstArgument(File.ReadAllBytes("/proc/self/cmdline"));
        }
        catch (IOException)
        {
            return Environment.GetCommandLineArgs().FirstOrDefault();
        }
    }

    /// <summary>The first NUL-terminated string of a /proc/PID/cmdline image.</summary>
    public static string? FirstArgument(ReadOnlySpan<byte> cmdline)
    {
        var end = cmdline.IndexOf((byte)0);
        var first = end >= 0 ? cmdline[..end] : cmdline;
        return first.IsEmpty ? null : Encoding.UTF8.GetString(first);
    }
}
