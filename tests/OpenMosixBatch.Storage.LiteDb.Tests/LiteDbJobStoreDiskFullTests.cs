using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;
using Xunit.Abstractions;
using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>The store on a real file system that fills up (a small tmpfs): refuse, store nothing, recover with space.</summary>
public sealed class LiteDbJobStoreDiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public void Commit_FileSystemFull_RefusesAsDiskFullThenStoresAgainOnceSpaceReturns()
    {
        var (mount, skip) = TmpfsMount.TryMount(megabytes: 8);
        if (mount is null)
        {
            output.WriteLine("skipped: " + skip);
            return;
        }

        using (mount)
        {
            var path = mount.File("omb.db");
            using (var store = LiteDbJobStore.Open(path))
            {
                store.Commit(new JobStoreBatch([.. Enumerable.Range(1, 20).Select(i => TestJobs.Realistic(i))], [], 21));
                mount.Fill("ballast");

                // Several batches, so that both the failing write and a use of the shut-down engine are covered.
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var refused = Assert.Throws<JobStoreCommitException>(() =>
                        store.Commit(new JobStoreBatch([.. Enumerable.Range(100 + (attempt * 50), 50).Select(i => TestJobs.Realistic(i))], [], 1000)));
                    Assert.True(refused.DiskFull, "not recognised as a full disk: " + refused);
                    Assert.Contains("is full", refused.Message, StringComparison.Ordinal);
                    Assert.Contains(mount.Path, refused.Message, StringComparison.Ordinal);
                }

                File.Delete(mount.File("ballast"));
                store.Commit(new JobStoreBatch([TestJobs.Realistic(21)], [], 22));
                Assert.Equal([.. Enumerable.Range(1, 21).Select(i => (long)i)], store.Load().Jobs.Select(j => j.Id));
            }

            using var reopened = LiteDbJobStore.Open(path);
            var snapshot = reopened.Load();
            Assert.Equal([.. Enumerable.Range(1, 21).Select(i => (long)i)], snapshot.Jobs.Select(j => j.Id));
            Assert.Equal(22, snapshot.NextJobId);
        }
    }
}
