using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Tests.Identity;

public sealed class UserDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-users-");

    private string PasswdFile => Path.Combine(_dir.FullName, "passwd");

    private string GroupFile => Path.Combine(_dir.FullName, "group");

    [Fact]
    public void NamesAndGroups_FromPasswdAndGroupFiles()
    {
        var users = Users("root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n", "root:x:0:\nalice:x:1000:\nhpcadmin:x:500:alice,bob\n");

        Assert.Equal("alice", users.NameOf(1000));
        Assert.Equal("4242", users.NameOf(4242));
        Assert.Equal(["hpcadmin", "alice"], users.GroupsOf(1000, 1000));
        Assert.Equal(1000u, users.UidOf("alice"));
    }

    [Fact]
    public void GroupsOf_GroupFileRewritten_ReadsTheNewMembershipAtTheNextLookup()
    {
        var users = Users("bob:x:1001:1001::/home/bob:/bin/sh\n", "bob:x:1001:\nhpcadmin:x:500:alice,bob\n");
        File.SetLastWriteTimeUtc(GroupFile, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(["hpcadmin", "bob"], users.GroupsOf(1001, 1001));

        // As gpasswd -d bob hpcadmin leaves it: a new file with a new modification time.
        File.WriteAllText(GroupFile, "bob:x:1001:\nhpcadmin:x:500:alice\n");
        File.SetLastWriteTimeUtc(GroupFile, new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc));

        Assert.Equal(["bob"], users.GroupsOf(1001, 1001));
    }

    [Fact]
    public void NameOf_PasswdFileRewritten_ReadsTheNewNameAtTheNextLookup()
    {
        var users = Users("bob:x:1001:1001::/home/bob:/bin/sh\n", "");
        Assert.Equal("bob", users.NameOf(1001));

        File.WriteAllText(PasswdFile, "robert:x:1001:1001::/home/bob:/bin/sh\n");

        Assert.Equal("robert", users.NameOf(1001));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private UserDirectory Users(string passwd, string group)
    {
        File.WriteAllText(PasswdFile, passwd);
        File.WriteAllText(GroupFile, group);
        return new UserDirectory(PasswdFile, GroupFile);
    }
}
