using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Tests.Identity;

public sealed class UserDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-users-");

    [Fact]
    public void NamesAndGroups_FromPasswdAndGroupFiles()
    {
        var passwd = Path.Combine(_dir.FullName, "passwd");
        var group = Path.Combine(_dir.FullName, "group");
        File.WriteAllText(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n");
        File.WriteAllText(group, "root:x:0:\nalice:x:1000:\nhpcadmin:x:500:alice,bob\n");
        var users = new UserDirectory(passwd, group);

        Assert.Equal("alice", users.NameOf(1000));
        Assert.Equal("4242", users.NameOf(4242));
        Assert.Equal(["hpcadmin", "alice"], users.GroupsOf(1000, 1000));
        Assert.Equal(1000u, users.UidOf("alice"));
    }

    [Fact]
    public void GroupsOf_GroupFileRewritten_ReadsTheNewMembershipAtTheNextLookup()
    {
        var passwd = Path.Combine(_dir.FullName, "passwd");
        var group = Path.Combine(_dir.FullName, "group");
        File.WriteAllText(passwd, "bob:x:1001:1001::/home/bob:/bin/sh\n");
        File.WriteAllText(group, "bob:x:1001:\nhpcadmin:x:500:alice,bob\n");
        File.SetLastWriteTimeUtc(group, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var users = new UserDirectory(passwd, group);
        Assert.Equal(["hpcadmin", "bob"], users.GroupsOf(1001, 1001));

        // As gpasswd -d bob hpcadmin leaves it: a new file with a new modification time.
        File.WriteAllText(group, "bob:x:1001:\nhpcadmin:x:500:alice\n");
        File.SetLastWriteTimeUtc(group, new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc));

        Assert.Equal(["bob"], users.GroupsOf(1001, 1001));
    }

    [Fact]
    public void NameOf_PasswdFileRewritten_ReadsTheNewNameAtTheNextLookup()
    {
        var passwd = Path.Combine(_dir.FullName, "passwd");
        var group = Path.Combine(_dir.FullName, "group");
        File.WriteAllText(passwd, "bob:x:1001:1001::/home/bob:/bin/sh\n");
        File.WriteAllText(group, "");
        var users = new UserDirectory(passwd, group);
        Assert.Equal("bob", users.NameOf(1001));

        File.WriteAllText(passwd, "robert:x:1001:1001::/home/bob:/bin/sh\n");

        Assert.Equal("robert", users.NameOf(1001));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
