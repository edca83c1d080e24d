using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using Xunit.Abstractions;
using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Integration.Tests.Faults;

/// <summary>
/// OMB_HOME on a small tmpfs that the test fills: qsub is refused with one line and nothing is acknowledged; once
/// the space is back the same server (no restart) accepts and runs jobs, and a restart finds every acknowledged job
/// exactly once.
/// </summary>
[Collection("World")]
[Trait("Category", "Mpi")]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Qsub_OmbHomeFull_RefusedWithOneLineAndExit3_ThenAcceptedAndRunOnceSpaceReturns_AndARestartFindsEveryAcknowledgedJobOnce()
    {
        var (mount, skip) = TmpfsMount.TryMount(megabytes: 64);
        if (mount is null)
        {
            output.WriteLine("skipped: " + skip);
            return;
        }

        using (mount)
        {
            var acknowledged = new List<string>();
            await using (var world = await WorldServer.StartInAsync(mount.Path, nodes: 2))
            {
                // Held, so that they are still queued, not yet run, when the disk fills.
                for (var i = 0; i < 3; i++)
                {
                    acknowledged.Add(await world.QsubAsync("-h", "-N", $"before{i}", Repository.Jobs("hello.sh")));
                }

                var ballast = mount.Fill("ballast");
                output.WriteLine($"ballast: {ballast} bytes");

                for (var i = 0; i < 3; i++)
                {
                    var refused = await world.Omb.RunInAsync(world.WorkDirectory, null, "qsub", "-N", $"during{i}", Repository.Jobs("hello.sh"));
                    Assert.True(refused.ExitCode == 3, "qsub on a full disk must exit 3: " + refused);
                    Assert.Equal("", refused.Stdout);
                    var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                    Assert.StartsWith("qsub: could not store the change: the disk is full", line, StringComparison.Ordinal);
                    Assert.Contains($"OMB_HOME {mount.Path} has no space left", line, StringComparison.Ordinal);
                }

                Assert.Equal(acknowledged, (await ServerFixture.AllJobsAsync(world.Omb)).Select(j => j.Id));

                File.Delete(mount.File("ballast"));
                var after = await world.QsubAsync("-N", "after", Repository.Jobs("hello.sh"));
                Assert.Equal(long.Parse(acknowledged[^1], System.Globalization.CultureInfo.InvariantCulture) + 1, long.Parse(after, System.Globalization.CultureInfo.InvariantCulture));
                acknowledged.Add(after);
                var released = await world.Omb.RunAsync(["qrls", .. acknowledged.Take(3)]);
                Assert.True(released.ExitCode == 0, "qrls: " + released);

                foreach (var id in acknowledged)
                {
                    var job = await world.WaitFinishedAsync(id, TimeSpan.FromSeconds(40));
                    Assert.True(job.State == JobState.Completed && job.ExitStatus == 0, $"job {id} ended {job.State} ({job.ExitStatus}): {job.Reason}");
                }
            }

            // A fresh server on the same file: LiteDB reopens what the failed writes left, with each job once.
            await using var restarted = await ServerProcess.StartAsync(mount.Path);
            var stored = await ServerFixture.AllJobsAsync(new Omb(mount.Path));
            Assert.Equal(acknowledged, stored.Select(j => j.Id));
            Assert.All(stored, j => Assert.Equal('C', j.State));
        }
    }
}
