using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The node's own view of accounts, through getpwuid_r and getgrouplist (so NSS sources such as LDAP count), and the
/// node's effective uid.
/// </summary>
internal static unsafe partial class UserAccounts
{
    private const int RangeError = 34;

    public static uint EffectiveUid() => GetEffectiveUid();

    /// <summary>The account name of <paramref name="uid"/> on this node, or null when it has none.</summary>
    public static string? NameOf(uint uid)
    {
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            Passwd entry;
            Passwd* result;
            int error;
            fixed (byte* b = buffer)
            {
                error = GetPasswdByUid(uid, &entry, b, (nuint)size, &result);
                if (error == 0)
                {
                    return result is null ? null : Marshal.PtrToStringUTF8(entry.Name);
                }
            }

            if (error != RangeError)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The groups <paramref name="user"/> is a member of, <paramref name="gid"/> first, as initgroups would set them:
    /// looked up here, in the long-lived rank, so that omb-shepherd loads no account module per task.
    /// </summary>
    public static uint[] GroupsOf(string user, uint gid)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = 64;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var groups = new uint[count];
            fixed (uint* g = groups)
            {
                var found = count;
                if (GetGroupList(user, gid, g, &found) >= 0)
                {
                    return groups[..found];
                }

                count = Math.Max(found, count * 4);
            }
        }

        return [gid];
    }

    /// <summary>The gid of group <paramref name="name"/> on this node, or null when it has none.</summary>
    public static uint? GroupIdOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            Group entry;
            Group* result;
            int error;
            fixed (byte* b = buffer)
            {
                error = GetGroupByName(name, &entry, b, (nuint)size, &result);
                if (error == 0)
                {
                    return result is null ? null : entry.Gid;
                }
            }

            if (error != RangeError)
            {
                return null;
            }
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Group
    {
        public nint Name;
        public nint Password;
        public uint Gid;
        public nint Members;
    }

    [LibraryImport("libc", EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetGroupByName(string name, Group* entry, byte* buffer, nuint size, Group** result);

    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Directory;
        public nint Shell;
    }

    [LibraryImport("libc", EntryPoint = "getpwuid_r")]
    private static partial int GetPasswdByUid(uint uid, Passwd* entry, byte* buffer, nuint size, Passwd** result);

    [LibraryImport("libc", EntryPoint = "getgrouplist", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetGroupList(string user, uint gid, uint* groups, int* count);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();
}
