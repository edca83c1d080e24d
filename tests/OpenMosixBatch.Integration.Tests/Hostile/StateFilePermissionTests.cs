using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Finding 1 of issue 22: OMB_HOME must be o+x (users reach the socket) and its names are fixed, so every state file
/// the server and the ranks write there must be private to them, whatever umask the server was started with (the
/// harness starts it under 022); an older home whose state others can read is refused at start.
/// </summary>
[Collection("World")]
public sealed class StateFilePermissionTests(HostileWorld fixture) : IClassFixture<HostileWorld>
{
    private static readonly string[] StateDirectories = ["backup", "checkpoints", "spool"];

    [RootFact]
    public async Task VictimsScriptEnvironmentAndCheckpoint_AreInNoFileOfTheHomeMalloryCanReadOrList()
    {
        var secret = "victim-secret-" + Guid.NewGuid().ToString("N");
        var victim = fixture.Victim;
        var held = fixture.Script(victim, "held.sh", $"#!/bin/sh\n# {secret} in a script\necho hello\n");
        var heldId = await fixture.QsubAsync(victim, "-h", "-v", $"VICTIM_KEY={secret}-in-v", held);
        // First life: its state (the secret) into the checkpoint directory, exit 85; second life: wait to be deleted,
        // so that the packed checkpoint stays in the node's store and the server's while mallory looks.
        var ckpt = fixture.Script(victim, "ckpt.sh", $$"""
            #!/bin/sh
            #PBS -c enabled
            # {{secret}} in a checkpointing script
            if [ -f "$OMB_CHECKPOINT_DIR/state" ]; then exec sleep 300; fi
            echo "{{secret}} in a checkpoint" > "$OMB_CHECKPOINT_DIR/state"
            exit 85
            """);
        var ckptId = await fixture.QsubAsync(victim, "-j", "oe", "-v", $"VICTIM_CKPT={secret}-in-v", ckpt);
        await fixture.World.WaitForAsync(async () => await fixture.World.JobAsync(ckptId) is { State: JobState.Running } job
            && job.Tasks[0].RestartCount == 1 && job.Tasks[0].Checkpoints.Count == 1, TimeSpan.FromSeconds(90), "the job to resume from its checkpoint");
        var backup = await fixture.World.Omb.RunAsync("backup");
        Assert.True(backup.ExitCode == 0, "omb backup as root: " + backup);
        var before = await SteadyLedgerAsync();

        var files = StateFiles(fixture.World.Home);
        Assert.Contains(files, f => f.Contains("/checkpoints/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains(".checkpoints/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("/backup/", StringComparison.Ordinal));
        // `strings $OMB_HOME/omb.db` and the like, on every file the server and the ranks wrote (the names are fixed or
        // guessable), and on what mallory can list of the home.
        var read = await fixture.Mallory.RunAsync(["/bin/sh", "-c", "for f; do cat -- \"$f\"; done; find \"$0\"", fixture.World.Home, .. files]);
        Assert.DoesNotContain(secret, read.Stdout, StringComparison.Ordinal);
        foreach (var directory in StateDirectories.Select(d => Path.Combine(fixture.World.Home, d))
            .Concat(Directory.EnumerateDirectories(Path.Combine(fixture.World.Home, "spool"), "*.checkpoints")))
        {
            var listing = await fixture.Mallory.RunAsync(["/bin/ls", "-la", directory]);
            Assert.True(listing.ExitCode != 0, $"mallory can list {directory}:\n{listing.Stdout}");
        }

        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
        Assert.Equal(0, (await fixture.RunAsync(victim, "qdel", ckptId, heldId)).ExitCode);
    }

    [RootFact]
    public async Task Server_RefusesToStart_OnAHomeWhoseDatabaseOthersCanRead_InOneLineWithTheFix()
    {
        using var dir = new TempDirectory();
        await using (var first = await ServerProcess.StartAsync(dir.Path))
        {
            Assert.Equal(0, (await new Omb(dir.Path).RunAsync("qsub", "-h", "--", "/bin/true")).ExitCode);
        }

        var database = Path.Combine(dir.Path, "omb.db");
        // What an older version left, under umask 022.
        File.SetUnixFileMode(database, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = await ChildProcess.RunAsync(Repository.ServerBinary, ["--home", dir.Path], new Dictionary<string, string?> { ["OMB_HOME"] = dir.Path }, timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(2, refused.ExitCode);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"omb server: {database} is readable by other users (mode 0644), and OMB_HOME's state holds every user's jobs: run 'chmod -R go-rwx {database}', then start the server again (it makes its new files private itself)", line);
        Assert.False(File.Exists(Path.Combine(dir.Path, "omb.sock")), "the refused server left a socket");

        // The fix it names is enough.
        Assert.Equal(0, (await ChildProcess.RunAsync("chmod", ["-R", "go-rwx", database])).ExitCode);
        await using var fixedHome = await ServerProcess.StartAsync(dir.Path);
        Assert.Single(await ServerFixture.AllJobsAsync(new Omb(dir.Path)));
    }

    /// <summary>Every file under the home except the users' own directories (their files are theirs) and the socket.</summary>
    private static string[] StateFiles(string home) =>
    [
        .. Directory.EnumerateFiles(home, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => !f.StartsWith(Path.Combine(home, "users") + "/", StringComparison.Ordinal)
                && !f.StartsWith(Path.Combine(home, "work") + "/", StringComparison.Ordinal)
                && f != Path.Combine(home, "omb.sock")),
    ];

    /// <summary>The victim's ledger once its running job's figures stopped changing (it sleeps).</summary>
    private async Task<VictimLedger> SteadyLedgerAsync()
    {
        var last = await fixture.VictimLedgerAsync();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
            var next = await fixture.VictimLedgerAsync();
            if (next.Json == last.Json)
            {
                return next;
            }

            last = next;
        }

        Assert.Fail("the victim's ledger kept changing: " + last.Json);
        return last;
    }
}
