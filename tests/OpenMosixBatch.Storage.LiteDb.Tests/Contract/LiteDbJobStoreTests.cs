using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

public sealed class LiteDbJobStoreTests : AccountingStoreContract
{
    private readonly TemporaryDirectory _directory = new();
    private int _count;

    protected override IJobStore CreateStore() => LiteDbJobStore.Open(_directory.File($"store{++_count}/omb.db"));

    protected override IJobStore Reopen(IJobStore store)
    {
        var path = ((LiteDbJobStore)store).DatabasePath;
        store.Dispose();
        return LiteDbJobStore.Open(path);
    }

    protected override void DisposeResources() => _directory.Dispose();
}
