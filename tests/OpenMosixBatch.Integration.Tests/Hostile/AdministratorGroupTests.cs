using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Finding 9 of issue 22 (its administrator part): group membership was read once per uid and kept until the server
/// restarted, so a user removed from an administrator group kept every administrator's right. It is read again when
/// /etc/group changes: the removal counts from the user's next request.
/// </summary>
[Collection("World")]
public sealed class AdministratorGroupTests
{
    [RootFact]
    public async Task RemovedFromTheAdministratorGroup_SeesTheVictimsJobAsUnknown_AtOnce()
    {
        var group = "omb-hx-adm" + Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX");
        var world = await HostileWorld.StartWithEnvironmentAsync(new Dictionary<string, string> { ["Omb__AdministratorGroups__0"] = group });
        try
        {
            await RunAsync("groupadd", "--system", group);
            await RunAsync("gpasswd", "-a", world.Mallory.Name, group);
            var victims = (await world.QsubAsync(world.Victim, "-h", "-N", "victim-admin", "--", "/bin/true")).Split('.')[0];
            var before = await world.VictimLedgerAsync();

            var asAdministrator = await world.RunAsync(world.Mallory, "qstat", "-f", victims);
            Assert.True(asAdministrator.ExitCode == 0 && asAdministrator.Stdout.Contains(world.Victim.Name, StringComparison.Ordinal),
                "mallory in the administrator group should see the victim's job: " + asAdministrator);

            await RunAsync("gpasswd", "-d", world.Mallory.Name, group);
            var removed = await world.RunAsync(world.Mallory, "qstat", "-f", victims);
            var onNothing = await world.RunAsync(world.Mallory, "qstat", "-f", "999999");

            Assert.Equal(1, removed.ExitCode);
            Assert.Equal(onNothing.Stderr.Replace("999999", "ID", StringComparison.Ordinal), removed.Stderr.Replace(victims, "ID", StringComparison.Ordinal));
            Assert.Equal("", removed.Stdout);
            (await world.VictimLedgerAsync()).AssertUnchangedSince(before);
        }
        finally
        {
            await world.DisposeAsync();
            await ChildProcess.RunAsync("groupdel", [group]);
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var r = await ChildProcess.RunAsync(program, args);
        Assert.True(r.ExitCode == 0, $"{program} {string.Join(' ', args)}: {r}");
    }
}
