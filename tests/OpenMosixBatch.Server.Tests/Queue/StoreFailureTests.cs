using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Tests.Queue;

public sealed class StoreFailureTests
{
    [Fact]
    public void Describe_EnospcInsideACommitFailure_IsStorageFullNamingTheHome()
    {
        var full = new JobStoreCommitException("/srv/omb/omb.db", "could not write", new IOException("No space left on device", 28));

        var error = StoreFailure.Describe(full, "the change");

        Assert.Equal(ApiErrorKind.StorageFull, error.Kind);
        Assert.Contains("the disk is full (OMB_HOME /srv/omb has no space left)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_QuotaExceeded_IsStorageFull() =>
        Assert.Equal(ApiErrorKind.StorageFull, StoreFailure.Describe(new IOException("Disk quota exceeded", 122), "the change").Kind);

    [Fact]
    public void Describe_OtherIoError_IsUnavailableWithTheCause()
    {
        var error = StoreFailure.Describe(new IOException("Input/output error", 5), "the change");

        Assert.Equal(ApiErrorKind.Unavailable, error.Kind);
        Assert.Contains("Input/output error", error.Message, StringComparison.Ordinal);
    }
}
