using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using Xunit.Abstractions;

namespace OpenMosixBatch.Integration.Tests.Security;

/// <summary>
/// The node packs and deletes a task's checkpoint directory as root while a process of the task's user may still be
/// in there: what the user leaves or swaps in (a FIFO, a link to root's files) is refused, never read or followed.
/// </summary>
[Collection("World")]
public sealed class CheckpointPackingTests(TwoUserWorld fixture, ITestOutputHelper output) : IClassFixture<TwoUserWorld>
{
    private const int SecretFiles = 200;

    private WorldServer W => fixture.World;

    [RootFact]
    public async Task FifoInTheCheckpointDirectory_IsRefusedWithTheReason_AndTheNodeRunsOn()
    {
        var a = fixture.Alice;
        var script = a.File(Path.Combine(fixture.AliceDir, "fifo.sh"), """
            #!/bin/sh
            #PBS -c enabled
            mkfifo "$OMB_CHECKPOINT_DIR/pipe" && echo 1 > "$OMB_CHECKPOINT_DIR/state" && exit 85
            """);

        var id = await fixture.QsubAsync(a, fixture.AliceDir, "-N", "fifo", "-j", "oe", script);
        var job = await W.WaitFinishedAsync(id);

        Assert.True(job.State == JobState.Failed, $"ended {job.State}: {job.Tasks[0].Reason}");
        Assert.Contains("'pipe' is a FIFO", job.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'pipe' is a FIFO", (await W.Omb.RunAsync("qstat", "-f", id)).Stdout, StringComparison.Ordinal);
        var next = await W.WaitFinishedAsync(await fixture.QsubAsync(a, fixture.AliceDir, "-N", "after", "--", "/bin/true"));
        Assert.Equal(JobState.Completed, next.State);
    }

    [RootFact]
    public async Task CheckpointDirectoryReplacedByALinkToRootsFiles_IsRefused_AndNothingOfThemReachesTheUser()
    {
        var (secret, marker) = RootOnlyDirectory();
        var script = fixture.Alice.File(Path.Combine(fixture.AliceDir, "swap.sh"), $"""
            #!/bin/sh
            #PBS -c enabled
            d=$OMB_CHECKPOINT_DIR
            if [ "$OMB_RESTART_COUNT" = 0 ]; then rm -rf "$d" && ln -s '{secret}' "$d" && exit 85; fi
            cat "$d"/*
            """);

        var id = await fixture.QsubAsync(fixture.Alice, fixture.AliceDir, "-N", "swap", "-j", "oe", script);
        var job = await W.WaitFinishedAsync(id);

        Assert.DoesNotContain(marker, File.ReadAllText(Path.Combine(fixture.AliceDir, $"swap.o{id}")), StringComparison.Ordinal);
        Assert.True(job.State == JobState.Failed, $"ended {job.State}: {job.Tasks[0].Reason}");
        Assert.Contains("symbolic link is never followed", job.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.Equal(SecretFiles, Directory.GetFiles(secret).Length);
    }

    [RootFact]
    public async Task LinksRacedIntoTheCheckpointDirectoryWhilePacking_NeverPutRootsFilesInTheArchive()
    {
        var (secret, marker) = RootOnlyDirectory();
        var a = fixture.Alice;
        var park = Path.Combine(fixture.AliceDir, "park");
        var log = Path.Combine(fixture.AliceDir, "restored.log");

        // Left running in the checkpoint directory after the checkpoint exit: swaps its real "sub" with a link to
        // root's directory (renameat2 RENAME_EXCHANGE, so "sub" always exists) for about a tenth of the time, until
        // the node takes the directory back. A packer that checks an entry, then opens it by its path, reads root's.
        var racer = a.File(Path.Combine(fixture.AliceDir, "race.pl"), """
            my ($park, $seconds) = @ARGV;
            my $nr = `uname -m` =~ /aarch64/ ? 276 : 316;
            my $sub = "sub";
            my $end = time + $seconds;
            while (time < $end) {
                syscall($nr, -100, $sub, -100, $park, 2) == 0 or exit 0;
                select(undef, undef, undef, 0.0001);
                syscall($nr, -100, $sub, -100, $park, 2) == 0 or exit 0;
                select(undef, undef, undef, 0.001);
            }
            """);
        var script = a.File(Path.Combine(fixture.AliceDir, "race.sh"), $"""
            #!/bin/sh
            #PBS -c enabled
            d=$OMB_CHECKPOINT_DIR
            cat "$d"/sub/* >> '{log}' 2>/dev/null
            [ "$OMB_RESTART_COUNT" -ge 3 ] && exit 0
            cd "$d" || exit 1
            rm -rf sub && mkdir sub || exit 1
            i=0; while [ $i -lt {SecretFiles} ]; do i=$((i+1)); echo plain > sub/f$i; done
            rm -rf '{park}' && ln -s '{secret}' '{park}' || exit 1
            /usr/bin/perl '{racer}' '{park}' 3 &
            sleep 0.3
            exit 85
            """);

        var id = await fixture.QsubAsync(a, fixture.AliceDir, "-N", "race", "-j", "oe", script);
        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));

        var restored = File.Exists(log) ? File.ReadAllText(log) : "";
        output.WriteLine($"ended {job.State} after {job.Tasks[0].RestartCount} restarts: {job.Tasks[0].Reason}");
        Assert.DoesNotContain(marker, restored, StringComparison.Ordinal);
        Assert.Equal(SecretFiles, Directory.GetFiles(secret).Count(f => File.ReadAllText(f) == marker));
        if (job.State == JobState.Failed)
        {
            // The pack may see the link itself (it is there a few microseconds at a time): refused, not followed.
            Assert.Matches("'sub' is a symbolic link|'sub' was replaced or removed while it was packed", job.Tasks[0].Reason);
        }
        else
        {
            Assert.True(job.State == JobState.Completed, $"ended {job.State}: {job.Tasks[0].Reason}");
            Assert.Contains("plain", restored, StringComparison.Ordinal);
        }
    }

    /// <summary>A directory only root can enter, full of files that hold a marker no user may ever see.</summary>
    private (string Directory, string Marker) RootOnlyDirectory()
    {
        var marker = "root-only-" + Guid.NewGuid().ToString("N");
        var dir = Path.Combine(W.Home, "root-only-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        for (var i = 1; i <= SecretFiles; i++)
        {
            var file = Path.Combine(dir, "f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(file, marker);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (dir, marker);
    }
}
