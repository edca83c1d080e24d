using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Tests.Identity;

/// <summary>Who is an administrator: by uid, or by membership (primary or listed) of a configured group.</summary>
public sealed class CallerResolverTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-callers-");
    private readonly UserDirectory _users;

    public CallerResolverTests()
    {
        var passwd = Path.Combine(_dir.FullName, "passwd");
        var group = Path.Combine(_dir.FullName, "group");
        File.WriteAllText(passwd, "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\ncarol:x:1002:600::/home/carol:/bin/sh\n");
        File.WriteAllText(group, "root:x:0:\nalice:x:1000:\nbob:x:1001:\nhpcadmin:x:500:bob\nops:x:600:\n");
        _users = new UserDirectory(passwd, group);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(0u, 0u, "root", true)]
    [InlineData(1000u, 1000u, "alice", false)]
    [InlineData(1001u, 1001u, "bob", true)]
    [InlineData(1002u, 600u, "carol", true)]
    [InlineData(4242u, 4242u, "4242", false)]
    public void Identify_AdministratorsByUidOrGroup(uint uid, uint gid, string name, bool admin)
    {
        var resolver = new CallerResolver(_users, Microsoft.Extensions.Options.Options.Create(new OmbServerOptions { AdministratorGroups = ["hpcadmin", "ops"] }));

        var caller = resolver.Identify(uid, gid);

        Assert.Equal(new Caller(uid, gid, name, admin), caller);
    }

    [Fact]
    public void Identify_RemovedFromTheAdministratorGroup_IsAnOrdinaryUserAtOnce()
    {
        var resolver = new CallerResolver(_users, Microsoft.Extensions.Options.Options.Create(new OmbServerOptions { AdministratorGroups = ["hpcadmin"] }));
        Assert.True(resolver.Identify(1001, 1001).IsAdministrator);
        var group = Path.Combine(_dir.FullName, "group");

        File.WriteAllText(group, "root:x:0:\nalice:x:1000:\nbob:x:1001:\nhpcadmin:x:500:\nops:x:600:\n");
        File.SetLastWriteTimeUtc(group, File.GetLastWriteTimeUtc(group).AddSeconds(1));

        Assert.False(resolver.Identify(1001, 1001).IsAdministrator);
    }

    [Fact]
    public void Identify_NoAdministratorUids_EvenRootIsAnOrdinaryUser()
    {
        var resolver = new CallerResolver(_users, Microsoft.Extensions.Options.Options.Create(new OmbServerOptions { AdministratorUids = [] }));

        Assert.False(resolver.Identify(0, 0).IsAdministrator);
    }
}
