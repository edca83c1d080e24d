using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Integration.Tests.Harness;
using Xunit.Abstractions;

namespace OpenMosixBatch.Integration.Tests.Faults;

/// <summary>
/// A damaged omb.db stops the server at start with one line and exit 4 (never an empty queue over it);
/// <c>omb server --restore-backup</c> puts the newest backup (from <c>omb backup</c>) in place and the jobs are back.
/// </summary>
public sealed class DamagedDatabaseTests(ITestOutputHelper output)
{
    private const int LiteDbPageSize = 8192;

    [Fact]
    public async Task Start_DamagedDatabase_ExitsWithOneLineNamingFileAndRestore_ThenRestoreBackupStartsWithTheBackedUpJobs()
    {
        using var home = new TempDirectory();
        var omb = new Omb(home.Path);
        var database = OmbHome.DatabasePath(home.Path);
        List<string> backedUp;
        string backup;
        await using (var server = await ServerProcess.StartAsync(home.Path))
        {
            backedUp = [await omb.QsubAsync("-N", "one", "--", "/bin/true"), await omb.QsubAsync("-N", "two", "--", "/bin/true"), await omb.QsubAsync("-h", "-N", "three", "--", "/bin/true")];
            var made = await omb.RunAsync("backup");
            Assert.True(made.ExitCode == 0, "omb backup: " + made);
            backup = made.Stdout.Trim();
            Assert.Equal(Path.Combine(home.Path, "backup"), Path.GetDirectoryName(backup));
            Assert.True(new FileInfo(backup).Length > 0, "the backup is empty");

            // Submitted after the backup: a restore goes back to the backup's moment, without this one.
            await omb.QsubAsync("-N", "later", "--", "/bin/true");
        }

        var damaged = Damage(database);

        // Twice: LiteDB flags the file as invalid in its header page when it meets the damage, and a second start must still refuse.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var start = await ChildProcess.RunAsync(Repository.ServerBinary, ["--home", home.Path], new Dictionary<string, string?> { ["OMB_HOME"] = home.Path },
                timeout: TimeSpan.FromSeconds(30));
            output.WriteLine(start.ToString());
            Assert.True(start.ExitCode == 4, "a damaged database must stop the server with exit 4: " + start);
            var line = Assert.Single(start.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"omb server: the job database {database} is damaged (", line, StringComparison.Ordinal);
            Assert.Contains($"restore the newest backup {backup} with 'omb server --restore-backup'", line, StringComparison.Ordinal);
            AssertStillTheDamagedFile(damaged, File.ReadAllBytes(database));
            Assert.False(File.Exists(OmbHome.SocketPath(home.Path)), "the refused server left its socket behind");
        }

        damaged = File.ReadAllBytes(database);

        await using (var restored = await ServerProcess.StartAsync(home.Path, "--restore-backup"))
        {
            Assert.Contains($"restored {database} from the backup {backup}", restored.Output, StringComparison.Ordinal);
            Assert.Equal(backedUp, (await ServerFixture.AllJobsAsync(omb)).Select(j => j.Id));
            Assert.Equal(["one", "two", "three"], (await ServerFixture.AllJobsAsync(omb)).Select(j => j.Name));

            // New ids continue after the restored ones.
            Assert.Equal((long.Parse(backedUp[^1], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                await omb.QsubAsync("--", "/bin/true"));
        }

        var aside = Assert.Single(Directory.GetFiles(home.Path, "omb.db.damaged-*"));
        Assert.Equal(damaged, File.ReadAllBytes(aside));
    }

    /// <summary>Not replaced by an empty queue: the same length and the same damaged pages (LiteDB may set a flag in the header page).</summary>
    private static void AssertStillTheDamagedFile(byte[] damaged, byte[] now)
    {
        Assert.Equal(damaged.Length, now.Length);
        Assert.True(damaged.AsSpan(LiteDbPageSize).SequenceEqual(now.AsSpan(LiteDbPageSize)), "the damaged pages were rewritten");
    }

    /// <summary>Overwrites every page after LiteDB's header page with random bytes, as a bad disk or a stray write would.</summary>
    private static byte[] Damage(string database)
    {
        var bytes = File.ReadAllBytes(database);
        Assert.True(bytes.Length > LiteDbPageSize, $"the database is only {bytes.Length} bytes");
        new Random(6).NextBytes(bytes.AsSpan(LiteDbPageSize));
        File.WriteAllBytes(database, bytes);
        return bytes;
    }
}
