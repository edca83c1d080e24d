using System.Text.Json.Nodes;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Faults;

/// <summary>The server backs its database up on its own every Omb:Backup:Interval, keeps Omb:Backup:Keep of them, and each is a database a server starts on.</summary>
public sealed class PeriodicBackupTests
{
    [Fact]
    public async Task Server_ShortBackupInterval_WritesBackupsKeepsTheNewestTwo_AndTheNewestHoldsTheJobs()
    {
        using var home = new TempDirectory();
        var conf = Directory.CreateDirectory(home.File("conf")).FullName;
        File.Copy(Repository.Conf("cluster.json"), Path.Combine(conf, "cluster.json"));
        var json = JsonNode.Parse(File.ReadAllText(Repository.Conf("omb.json")))!;
        json["Omb"]!["Backup"] = new JsonObject { ["Interval"] = "00:00:01", ["Keep"] = 2 };
        File.WriteAllText(Path.Combine(conf, "omb.json"), json.ToJsonString());
        var omb = new Omb(home.Path);
        var backups = home.File("backup");

        List<string> ids;
        await using (var server = await ServerProcess.StartAsync(home.Path, "--conf", Path.Combine(conf, "omb.json")))
        {
            ids = [await omb.QsubAsync("-h", "-N", "kept", "--", "/bin/true")];
            var started = TimeProvider.System.GetTimestamp();
            while (CountBackups(server.Output) < 4)
            {
                Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "fewer than 4 periodic backups in 30 s; server log:\n" + server.Output);
                await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
            }

            Assert.Equal(2, Directory.GetFiles(backups, "omb-*.db").Length);
        }

        // The newest backup, alone in a fresh home, is a whole database with the job.
        using var fresh = new TempDirectory();
        var newest = Directory.GetFiles(backups, "omb-*.db").Order(StringComparer.Ordinal).Last();
        File.Copy(newest, OmbHome.DatabasePath(fresh.Path));
        await using var fromBackup = await ServerProcess.StartAsync(fresh.Path);
        Assert.Equal(ids, (await ServerFixture.AllJobsAsync(new Omb(fresh.Path))).Select(j => j.Id));
    }

    private static int CountBackups(string log) =>
        log.Split('\n').Count(l => l.Contains("backed up the job database to", StringComparison.Ordinal));
}
