using System.Collections.Concurrent;
using System.Globalization;

namespace OpenMosixBatch.Server.Identity;

/// <summary>User names and group memberships from /etc/passwd and /etc/group (what getpwuid/getgrouplist read).</summary>
/// <remarks>
/// What was read is kept only while both files are unchanged (<see cref="FileStamp"/>, one stat each per lookup): a user
/// removed from an administrator group is no administrator from their next request on, not from the server's restart.
/// </remarks>
public sealed class UserDirectory(string passwdPath = "/etc/passwd", string groupPath = "/etc/group")
{
    private readonly Lock _gate = new();
    private (FileStamp Passwd, FileStamp Group) _readAt;
    private ConcurrentDictionary<uint, (string Name, string[] Groups)> _cache = new();

    public string NameOf(uint uid) => Lookup(uid).Name;

    /// <summary>Names of the groups the user belongs to: the primary group and every group listing them.</summary>
    public IReadOnlyList<string> GroupsOf(uint uid, uint gid) => [.. Lookup(uid).Groups, .. GroupNames(g => g.Gid == gid)];

    /// <summary>The name of a group, or its number when /etc/group has none.</summary>
    public string GroupNameOf(uint gid) => GroupNames(g => g.Gid == gid).FirstOrDefault() ?? gid.ToString(CultureInfo.InvariantCulture);

    /// <summary>The uid of a user name, or null when unknown (numeric names are taken as uids).</summary>
    public uint? UidOf(string name)
    {
        foreach (var line in ReadLines(passwdPath))
        {
            var f = line.Split(':');
            if (f.Length > 2 && f[0] == name && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                return uid;
            }
        }

        return uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : null;
    }

    /// <summary>The cache for the files as they are now: emptied when either changed since it was filled.</summary>
    private ConcurrentDictionary<uint, (string Name, string[] Groups)> Cache()
    {
        var now = (FileStamp.Of(passwdPath), FileStamp.Of(groupPath));
        lock (_gate)
        {
            if (now != _readAt)
            {
                _readAt = now;
                _cache = new();
            }

            return _cache;
        }
    }

    private (string Name, string[] Groups) Lookup(uint uid) => Cache().GetOrAdd(uid, u =>
    {
        var name = u.ToString(CultureInfo.InvariantCulture);
        foreach (var line in ReadLines(passwdPath))
        {
            var f = line.Split(':');
            if (f.Length > 2 && f[2] == name)
            {
                name = f[0];
                break;
            }
        }

        return (name, GroupNames(g => g.Members.Contains(name)));
    });

    private string[] GroupNames(Func<(string Name, uint Gid, string[] Members), bool> match) =>
        [.. ReadLines(groupPath)
            .Select(l => l.Split(':'))
            .Where(f => f.Length > 3 && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(f => (Name: f[0], Gid: uint.Parse(f[2], CultureInfo.InvariantCulture), Members: f[3].Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .Where(match)
            .Select(g => g.Name)];

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
