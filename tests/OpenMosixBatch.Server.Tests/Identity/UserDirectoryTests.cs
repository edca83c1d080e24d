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

    public void Dispose() => _dir.Delete(recursive: true);
}
