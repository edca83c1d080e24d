using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Execution;

/// <summary>lchown(2): changes an entry's owner without following a symbolic link, which .NET cannot do.</summary>
internal static partial class FileOwnership
{
    public static void Change(string path, uint uid, uint gid)
    {
        if (ChangeOwner(path, uid, gid) != 0)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"could not give {path} to uid {uid} gid {gid}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}"));
        }
    }

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChangeOwner(string path, uint uid, uint gid);
}
