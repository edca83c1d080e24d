using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Security;

/// <summary>
/// Tasks run as their submitter on a root world: the right uid, gid and groups, outputs and checkpoints that are the
/// user's, no way for one user's job to write into another's files, root's tasks refused unless configured.
/// </summary>
[Collection("World")]
public sealed class RunAsUserTests(TwoUserWorld fixture) : IClassFixture<TwoUserWorld>
{
    private WorldServer W => fixture.World;

    [RootFact]
    public async Task UserTask_RunsWithTheUsersUidGidAndGroups_AndItsFilesAreTheUsers()
    {
        var a = fixture.Alice;
        var script = a.File(Path.Combine(fixture.AliceDir, "who.sh"),
            "#!/bin/sh\nid\nstat -c 'checkpoint %u:%g %a' \"$OMB_CHECKPOINT_DIR\"\nstat -c 'script %u:%g' \"$0\"\n");

        var id = await fixture.QsubAsync(a, fixture.AliceDir, "-N", "who", script);
        var job = await W.WaitFinishedAsync(id);

        Assert.True(job.State == JobState.Completed, $"alice's job ended {job.State}: {job.Tasks[0].Reason}");
        var output = Path.Combine(fixture.AliceDir, $"who.o{id}");
        var text = File.ReadAllText(output);
        var ids = string.Create(CultureInfo.InvariantCulture, $"{a.Uid}:{a.Gid}");
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"uid={a.Uid}(omb-ra-alice) gid={a.Gid}(omb-ra-alice) groups="), text, StringComparison.Ordinal);
        Assert.Contains("(" + TwoUserWorld.SharedGroup + ")", text.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains($"checkpoint {ids} 700", text, StringComparison.Ordinal);
        Assert.Contains($"script {ids}", text, StringComparison.Ordinal);
        Assert.Equal(ids, await OwnerAsync(output));
        Assert.Equal(ids, await OwnerAsync(Path.Combine(fixture.AliceDir, $"who.e{id}")));

        // Bob's job cannot read what alice's job wrote: it runs as bob, not as the node.
        var peek = await fixture.QsubAsync(fixture.Bob, fixture.BobDir, "-N", "peek", "--", "/bin/cat", output);
        var peeked = await W.WaitFinishedAsync(peek);
        Assert.Equal(JobState.Failed, peeked.State);
        Assert.Contains("Permission denied", File.ReadAllText(Path.Combine(fixture.BobDir, $"peek.e{peek}")), StringComparison.Ordinal);
        Assert.Equal("", File.ReadAllText(Path.Combine(fixture.BobDir, $"peek.o{peek}")));
    }

    [RootFact]
    public async Task UserCannotMakeAJobWriteToAnotherUsersFileOrDirectory_LinksIncluded()
    {
        var a = fixture.Alice;
        var victim = fixture.Bob.File(Path.Combine(fixture.BobDir, "victim"), "bob's bytes\n");
        var link = Path.Combine(fixture.AliceDir, "link");
        File.CreateSymbolicLink(link, victim);
        await ChildProcess.RunAsync("chown", ["-h", $"{a.Uid}:{a.Gid}", link]);
        var created = Path.Combine(fixture.BobDir, "planted");

        var jobs = new[]
        {
            await fixture.QsubAsync(a, fixture.AliceDir, "-N", "direct", "-o", victim, "--", "/bin/echo", "overwritten"),
            await fixture.QsubAsync(a, fixture.AliceDir, "-N", "linked", "-o", link, "--", "/bin/echo", "overwritten"),
            await fixture.QsubAsync(a, fixture.AliceDir, "-N", "planted", "-o", created, "--", "/bin/echo", "planted"),
            // No -o at all, submitted from bob's directory: the default NAME.oID would land there.
            await fixture.QsubAsync(a, fixture.BobDir, "-N", "visitor", "--", "/bin/echo", "visited"),
        };

        foreach (var id in jobs)
        {
            var job = await W.WaitFinishedAsync(id);
            Assert.True(job.State == JobState.Failed, $"job {id} ended {job.State}");
            Assert.Contains("could not start as omb-ra-alice", job.Tasks[0].Reason, StringComparison.Ordinal);
            Assert.Contains("Permission denied", job.Tasks[0].Reason, StringComparison.Ordinal);
            var full = await W.Omb.RunAsync("qstat", "-f", id);
            Assert.Contains("Permission denied", full.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal("bob's bytes\n", File.ReadAllText(victim));
        Assert.Equal(["victim"], Directory.GetFileSystemEntries(fixture.BobDir).Select(Path.GetFileName).Where(n => n is "victim" or "planted" || n!.StartsWith("visitor", StringComparison.Ordinal)));
    }

    [RootFact]
    public async Task NeitherUserSeesHoldsOrDeletesTheOthersJobs()
    {
        var mine = await fixture.QsubAsync(fixture.Alice, fixture.AliceDir, "-h", "-N", "mine", "--", "/bin/true");

        var listed = await fixture.Bob.RunOmbInAsync(fixture.BobDir, W.Home, null, "qstat", "-x");
        Assert.DoesNotContain(mine + " ", listed.Stdout, StringComparison.Ordinal);
        foreach (var verb in new[] { "qdel", "qhold", "qrls" })
        {
            var r = await fixture.Bob.RunOmbInAsync(fixture.BobDir, W.Home, null, verb, mine);
            Assert.True(r.ExitCode == 1, $"{verb} of alice's job as bob: {r}");
        }

        Assert.Equal(1, (await fixture.Bob.RunOmbInAsync(fixture.BobDir, W.Home, null, "qstat", "-f", mine)).ExitCode);
        Assert.Equal(JobState.Held, (await W.JobAsync(mine)).State);
        Assert.Equal(0, (await fixture.Alice.RunOmbInAsync(fixture.AliceDir, W.Home, null, "qdel", mine)).ExitCode);
    }

    [RootFact]
    public async Task HostileNamesPathsArgumentsAndEnvironment_AreDataNeverCommands()
    {
        var a = fixture.Alice;
        var hostile = "a;touch pwned $(touch pwned) `touch pwned` '\"\nnext line";
        var workdir = a.Directory(fixture.AliceDir, "-w;$(touch pwned)`touch pwned`'\"");
        string[] args = ["-n", "$(touch pwned)", "`touch pwned`", "a;touch pwned", "'\"", "x\ny", "--reuid=0"];
        var name = "n;$(touch_pwned)`touch_pwned`'\"";

        var r = await a.RunOmbInAsync(workdir, W.Home, new Dictionary<string, string> { ["HOSTILE"] = hostile },
            ["qsub", "-N", name, "-v", "HOSTILE", "-o", "out;$(touch pwned)`touch pwned`'\"", "--", "/bin/sh", "-c", "printf '%s|' \"$@\"; printf '%s' \"$HOSTILE\"; pwd >&2", "sh", .. args]);
        Assert.True(r.ExitCode == 0, "qsub: " + r);
        var id = r.Stdout.Trim();
        var job = await W.WaitFinishedAsync(id);

        Assert.True(job.State == JobState.Completed, $"ended {job.State}: {job.Tasks[0].Reason}");
        Assert.Equal(string.Join('|', args) + "|" + hostile, File.ReadAllText(Path.Combine(workdir, "out;$(touch pwned)`touch pwned`'\"")));
        Assert.Equal(workdir + "\n", File.ReadAllText(Path.Combine(workdir, $"{name}.e{id}")));
        foreach (var marker in new[] { "pwned", "touch_pwned" })
        {
            Assert.Empty(Directory.GetFiles(fixture.AliceDir, marker, SearchOption.AllDirectories));
            Assert.False(File.Exists("/" + marker) || File.Exists("/tmp/" + marker), "a job string ran as a command");
        }
    }

    [RootFact]
    public async Task JobEnvironment_NeverReachesTheNodesRootHelpers()
    {

        // ld.so writes LD_DEBUG_OUTPUT.PID for every program it starts: as root that is a file anywhere.
        var id = await fixture.QsubAsync(fixture.Alice, fixture.AliceDir, "-N", "lddebug", "-v",
            $"LD_DEBUG=files,LD_DEBUG_OUTPUT={Path.Combine(fixture.BobDir, "leak")}", "--", "/bin/true");
        var job = await W.WaitFinishedAsync(id);

        Assert.True(job.State == JobState.Completed, $"ended {job.State}: {job.Tasks[0].Reason}");
        Assert.Empty(Directory.GetFiles(fixture.BobDir, "leak*"));
    }

    [RootFact]
    public async Task CheckpointRestore_GivesTheFilesBackToTheUser()
    {
        var a = fixture.Alice;
        var script = a.File(Path.Combine(fixture.AliceDir, "ck.sh"), """
            #!/bin/sh
            #PBS -c enabled
            d=$OMB_CHECKPOINT_DIR
            if [ "$OMB_RESTART_COUNT" = 0 ]; then echo first > "$d/state"; mkdir "$d/sub"; echo x > "$d/sub/f"; exit 85; fi
            stat -c 'restored %u:%g' "$d/state" "$d/sub" "$d/sub/f"
            echo again >> "$d/state" && touch "$d/sub/new" && echo writable
            """);

        var id = await fixture.QsubAsync(a, fixture.AliceDir, "-N", "ck", "-j", "oe", script);
        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));

        Assert.True(job.State == JobState.Completed, $"ended {job.State}: {job.Tasks[0].Reason}");
        Assert.Equal(1, job.Tasks[0].RestartCount);
        var owner = string.Create(CultureInfo.InvariantCulture, $"restored {a.Uid}:{a.Gid}");
        Assert.Equal($"{owner}\n{owner}\n{owner}\nwritable\n", File.ReadAllText(Path.Combine(fixture.AliceDir, $"ck.o{id}")));
    }

    [RootFact]
    public async Task UidWithoutAnAccountOnTheNode_IsRefusedWithTheReason()
    {
        const uint ghost = 4242421;
        var dir = Path.Combine(W.Home, "users", "ghost");
        Directory.CreateDirectory(dir);
        await ChildProcess.RunAsync("chown", [$"{ghost}:{ghost}", dir]);
        var r = await ChildProcess.RunAsync("setpriv", [$"--reuid={ghost}", $"--regid={ghost}", "--clear-groups", "--", await TestUser.ReachableOmbAsync(), "qsub", "--", "/bin/touch", "ran"],
            new Dictionary<string, string?> { ["OMB_HOME"] = W.Home, ["HOME"] = "/tmp" }, workingDirectory: dir);
        Assert.True(r.ExitCode == 0, "qsub as a uid without account: " + r);
        var id = r.Stdout.Trim();

        var job = await W.WaitFinishedAsync(id);

        Assert.Equal((JobState.Failed, 126), (job.State, job.ExitStatus));
        Assert.Contains("uid 4242421 (4242421) has no account on node", job.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "ran")));
    }

    [RootFact]
    public async Task RootsTask_RunsAsRootWhereAllowed()
    {

        var id = await W.QsubAsync("-N", "rootok", "--", "/usr/bin/id", "-u");
        var job = await W.WaitFinishedAsync(id);

        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal("0\n", File.ReadAllText(Path.Combine(W.WorkDirectory, $"rootok.o{id}")));
    }

    [RootFact]
    public async Task RootsTask_IsRefusedByDefault_WithTheReasonInQstatAndExitStatus126()
    {
        await using var strict = await WorldServer.StartWithEnvironmentAsync(1, new Dictionary<string, string>());

        var id = await strict.QsubAsync("-N", "rootjob", "--", "/bin/touch", "ran");
        var job = await strict.WaitFinishedAsync(id);

        Assert.Equal((JobState.Failed, 126), (job.State, job.ExitStatus));
        Assert.False(File.Exists(Path.Combine(strict.WorkDirectory, "ran")));
        var full = await strict.Omb.RunAsync("qstat", "-f", id);
        Assert.Contains("exit_status = 126", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("refuses to run tasks as root (uid 0)", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("Omb:Security:AllowRootJobs=true", full.Stdout, StringComparison.Ordinal);
    }

    private static async Task<string> OwnerAsync(string path) =>
        (await ChildProcess.RunAsync("stat", ["-c", "%u:%g", path])).Stdout.Trim();
}
